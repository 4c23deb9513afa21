package dev.kontextbot.conversation.redis;

import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A write that matters (a new version, a job's state) followed by {@code WAIT 1 <ms>} where the master has a
 * replica, so an acknowledged change survives the master's loss. WAIT counts the writes of its own connection, so
 * the write and the WAIT run on one connection taken from the pool of the master that serves the key's slot.
 * Without replicas (a single server, a cluster without replicas) it is a plain write.
 */
public final class ReplicatedWrite {

    private static final Logger log = LoggerFactory.getLogger(ReplicatedWrite.class);

    /** How long a write waits for a replica; a replica that is down or far behind costs at most this. */
    public static final Duration REPLICA_WAIT = Duration.ofSeconds(1);
    private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);

    private ReplicatedWrite() {
    }

    /** Runs {@code command} on the master serving {@code key}, then waits for one replica where there is one. */
    public static <T> T run(UnifiedJedis jedis, String key, Function<Connection, T> command) {
        return RedisGuard.call(() -> once(jedis, key, command));
    }

    /** The commands to build {@link CommandObject}s from (eval, evalsha, script load). */
    public static CommandObjects commands() {
        return COMMANDS;
    }

    private static <T> T once(UnifiedJedis jedis, String key, Function<Connection, T> command) {
        if (!(jedis instanceof RedisClusterClient) && !(jedis instanceof RedisClient)) {
            throw new IllegalArgumentException("Unsupported Redis client: " + jedis.getClass().getName());
        }
        try (Connection connection = connectionFor(jedis, key)) {
            T result = command.apply(connection);
            awaitReplica(connection, key);
            return result;
        } catch (JedisRedirectionException e) {
            refresh(jedis);
            throw e;
        } catch (JedisConnectionException e) {
            if (jedis instanceof RedisClusterClient) {
                // A master lost mid-write: learn the new layout and let RedisGuard try again on the promoted replica.
                refresh(jedis);
                throw new JedisClusterOperationException("connection to the master of " + key + " lost", e);
            }
            throw e;
        }
    }

    private static Connection connectionFor(UnifiedJedis jedis, String key) {
        return jedis instanceof RedisClusterClient cluster
                ? cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key))
                : ((RedisClient) jedis).getPool().getResource();
    }

    private static void refresh(UnifiedJedis jedis) {
        if (jedis instanceof RedisClusterClient cluster) {
            try {
                cluster.refreshClusterTopology();
            } catch (RuntimeException e) {
                log.debug("Cluster topology refresh failed: {}", e.toString());
            }
        }
    }

    private static void awaitReplica(Connection connection, String key) {
        String replication = connection.executeCommand(COMMANDS.info("replication"));
        if (!hasReplica(replication)) {
            return;
        }
        long acked = connection.executeCommand(COMMANDS.waitReplicas(1, REPLICA_WAIT.toMillis()));
        if (acked < 1) {
            log.warn("No replica confirmed the write to {} within {} ms: it is on the master only for now", key,
                    REPLICA_WAIT.toMillis());
        }
    }

    static boolean hasReplica(String replicationInfo) {
        return replicationInfo.lines().anyMatch(l -> l.startsWith("connected_slaves:") && !l.trim().endsWith(":0"));
    }
}

package dev.kontextbot.deploy.app;

import dev.kontextbot.conversation.redis.ClusterMode;
import dev.kontextbot.conversation.redis.ClusterTopology;
import dev.kontextbot.conversation.redis.RedisConnector;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Asks a Redis server what {@code doctor} wants to know: does it answer, which version, does it persist, and on a
 * cluster its masters and replicas. The node the URL names is asked directly (its facts stand for the others).
 */
public final class RedisProbe {

    /** What the server said; {@code persistence} in words, {@code durable} when edits survive a crash. */
    public record Facts(String version, String persistence, boolean durable, Optional<ClusterTopology> cluster) {
    }

    private RedisProbe() {
    }

    /** @throws RuntimeException when the server does not answer (see {@link Reasons#plain}) */
    public static Facts probe(String url) {
        return probe(url, ClusterMode.AUTO);
    }

    /** @throws RuntimeException when the server does not answer (see {@link Reasons#plain}) */
    public static Facts probe(String url, ClusterMode mode) {
        boolean cluster;
        try (UnifiedJedis client = RedisConnector.open(url, mode)) {
            client.ping();
            cluster = RedisConnector.isCluster(client);
        }
        try (UnifiedJedis client = RedisConnector.open(nodeUrl(url, cluster), ClusterMode.OFF)) {
            String version = infoField(client.info("server"), "redis_version").orElse("unknown version");
            Optional<ClusterTopology> topology = cluster ? Optional.of(ClusterTopology.parse(SafeEncoder.encode(
                    (byte[]) client.sendCommand(Protocol.Command.CLUSTER, "NODES")))) : Optional.empty();
            Optional<String> aof = configValue(client, "appendonly")
                    .or(() -> infoField(client.info("persistence"), "aof_enabled").map(v -> v.equals("1") ? "yes" : "no"));
            if (aof.filter("yes"::equalsIgnoreCase).isPresent()) {
                return new Facts(version, "append-only file on", true, topology);
            }
            Optional<String> save = configValue(client, "save");
            if (save.filter(s -> !s.isBlank()).isPresent()) {
                return new Facts(version, "snapshots only (save " + save.get() + "): recent edits can be lost", false,
                        topology);
            }
            return new Facts(version, aof.isEmpty() ? "persistence unknown (CONFIG and INFO refused)"
                    : "no persistence: everything is lost when Redis restarts", false, topology);
        }
    }

    /** A cluster node has only database 0: a single-node connection to it must not SELECT another. */
    private static String nodeUrl(String url, boolean cluster) {
        return cluster ? url.trim().replaceFirst("/\\d+$", "") : url;
    }

    private static Optional<String> configValue(UnifiedJedis client, String name) {
        try {
            Map<String, String> values = client.configGet(name);
            return Optional.ofNullable(values.get(name));
        } catch (RuntimeException e) {
            return Optional.empty(); // managed services often disable CONFIG
        }
    }

    private static Optional<String> infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Optional.of(line.substring(field.length() + 1).trim());
            }
        }
        return Optional.empty();
    }
}

package dev.kontextbot.conversation.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Opens Jedis clients from a {@code redis://} or {@code rediss://} URL (password and database included). The URL
 * may name any node of a Redis Cluster: in {@link ClusterMode#AUTO} the server is asked whether it runs in cluster
 * mode ({@code INFO cluster}) and, if so, Jedis's cluster client discovers the other nodes from it.
 */
public final class RedisConnector {

    private RedisConnector() {
    }

    /** A plain-words problem with the URL, or empty when it is usable. */
    public static Optional<String> validate(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("REDIS_URL is empty");
        }
        try {
            URI uri = new URI(url.trim());
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                return Optional.of("REDIS_URL must start with redis:// or rediss://");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("REDIS_URL has no host name");
            }
            String path = uri.getPath();
            if (path != null && path.length() > 1 && !path.substring(1).matches("\\d+")) {
                return Optional.of("REDIS_URL database must be a number, as in redis://host:6379/0");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("REDIS_URL is not a valid URL");
        }
    }

    /** Connections per client (per node on a cluster): progress subscriptions and blocking stream reads hold one each. */
    static final int POOL_SIZE = 64;
    /** Idle connections the pool keeps (each one is dead after a server restart until it is used once). */
    static final int MAX_IDLE = 16;

    /**
     * How long the cluster client keeps retrying one command through a failover (MOVED, connection refused while a
     * replica is promoted); Redis's default cluster-node-timeout is 15 s, so promotion takes a few seconds more.
     */
    static final Duration CLUSTER_RETRY_DEADLINE = Duration.ofSeconds(30);
    static final int CLUSTER_MAX_ATTEMPTS = 30;

    public static UnifiedJedis open(String url) {
        return open(url, ClusterMode.AUTO);
    }

    public static UnifiedJedis open(String url, ClusterMode mode) {
        validate(url).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        URI uri = URI.create(url.trim());
        boolean cluster = switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> runsInClusterMode(uri);
        };
        return cluster ? openCluster(uri) : openSingle(uri);
    }

    /** True when the client talks to a Redis Cluster. */
    public static boolean isCluster(UnifiedJedis jedis) {
        return jedis instanceof RedisClusterClient;
    }

    private static UnifiedJedis openSingle(URI uri) {
        return RedisClient.builder().fromURI(uri).poolConfig(pool()).build();
    }

    private static UnifiedJedis openCluster(URI uri) {
        if (JedisURIHelper.getDBIndex(uri) != 0) {
            throw new IllegalArgumentException("REDIS_URL names database " + JedisURIHelper.getDBIndex(uri)
                    + ", but a Redis Cluster has only database 0: drop the /" + JedisURIHelper.getDBIndex(uri));
        }
        return RedisClusterClient.builder()
                .nodes(Set.of(JedisURIHelper.getHostAndPort(uri)))
                .clientConfig(config(uri))
                .poolConfig(pool())
                .maxAttempts(CLUSTER_MAX_ATTEMPTS)
                .maxTotalRetriesDuration(CLUSTER_RETRY_DEADLINE)
                .build();
    }

    /** Asks the node itself; a server too old or too locked down to answer counts as a single server. */
    private static boolean runsInClusterMode(URI uri) {
        HostAndPort node = JedisURIHelper.getHostAndPort(uri);
        // A plain connection without the database: SELECT n fails on a cluster node.
        try (RedisClient probe = RedisClient.builder().hostAndPort(node).clientConfig(config(uri)).build()) {
            return probe.info("cluster").contains("cluster_enabled:1");
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            return false;
        }
    }

    private static JedisClientConfig config(URI uri) {
        return DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .build();
    }

    private static ConnectionPoolConfig pool() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(MAX_IDLE);
        pool.setMaxWait(Duration.ofSeconds(5));
        return pool;
    }
}

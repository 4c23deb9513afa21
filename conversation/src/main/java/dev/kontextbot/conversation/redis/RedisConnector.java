package dev.kontextbot.conversation.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Opens Jedis clients from a {@code redis://} or {@code rediss://} URL (password and database included). */
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

    /** Connections per client: progress subscriptions hold one each, blocking stream reads one each per poll. */
    static final int POOL_SIZE = 64;

    public static UnifiedJedis open(String url) {
        validate(url).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(16);
        pool.setMaxWait(Duration.ofSeconds(5));
        return RedisClient.builder().fromURI(URI.create(url.trim())).poolConfig(pool).build();
    }
}

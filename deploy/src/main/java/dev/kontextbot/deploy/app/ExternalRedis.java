package dev.kontextbot.deploy.app;

import dev.kontextbot.conversation.redis.ClusterMode;
import dev.kontextbot.conversation.redis.RedisConnector;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/** The Redis server of REDIS_URL: checked to answer at start; the bot's components open their own clients. */
public final class ExternalRedis implements RedisService {

    private final String url;
    private final String maskedUrl;
    private final ClusterMode clusterMode;
    private volatile boolean cluster;

    public ExternalRedis(String url, String maskedUrl) {
        this(url, maskedUrl, ClusterMode.AUTO);
    }

    public ExternalRedis(String url, String maskedUrl, ClusterMode clusterMode) {
        this.url = url;
        this.maskedUrl = maskedUrl;
        this.clusterMode = clusterMode;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void start() {
        try (UnifiedJedis client = RedisConnector.open(url, clusterMode)) {
            client.ping();
            cluster = RedisConnector.isCluster(client);
        } catch (RuntimeException e) {
            throw new StartupException("Redis at " + maskedUrl + " is not reachable (" + Reasons.plain(e)
                    + "): start it, fix REDIS_URL, or unset REDIS_URL to use the embedded Redis", e);
        }
    }

    @Override
    public void stop(Duration drain) {
        // Nothing of ours runs there.
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String describe() {
        return (cluster ? "Redis Cluster via " : "Redis at ") + maskedUrl;
    }
}

package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisConnector;
import java.time.Duration;
import java.util.function.Consumer;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * How progress messages travel: classic pub/sub ({@code PUBLISH}/{@code SUBSCRIBE}) on one server, sharded pub/sub
 * ({@code SPUBLISH}/{@code SSUBSCRIBE}, Redis 7+) on a cluster, where classic messages are copied to every node
 * and sharded ones stay on the shard that owns the channel.
 */
interface ProgressTransport {

    /** Sends one message about {@code conversationId} to the front ends of {@code platform}. */
    void publish(String platform, String conversationId, String message);

    /** Starts listening on the platform's channels; messages go to {@code onMessage} until the handle is closed. */
    Listening listen(String platform, Consumer<String> onMessage);

    /** A running subscription. */
    interface Listening extends AutoCloseable {

        /** True once every channel is subscribed; false when that did not happen within {@code timeout}. */
        boolean awaitSubscribed(Duration timeout) throws InterruptedException;

        @Override
        void close() throws InterruptedException;
    }

    /** Sharded pub/sub where the client is a cluster client and the server knows SPUBLISH; classic otherwise. */
    static ProgressTransport forClient(UnifiedJedis jedis) {
        if (RedisConnector.isCluster(jedis) && knowsShardedPubSub((RedisClusterClient) jedis)) {
            return new ShardedProgressTransport((RedisClusterClient) jedis);
        }
        return new ClassicProgressTransport(jedis);
    }

    private static boolean knowsShardedPubSub(RedisClusterClient cluster) {
        try {
            cluster.spublish(ShardedProgressTransport.channel("probe", 0), "");
            return true;
        } catch (JedisDataException e) {
            return false; // Redis 6: unknown command
        }
    }
}

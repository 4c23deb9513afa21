package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.RedisClusterClient;

/**
 * {@code SPUBLISH}/{@code SSUBSCRIBE} on a cluster. Each platform has {@link #SHARDS} channels, each with its own
 * hash tag ({@code kb:progress:{web:3}}), so their slots fall on different masters; a job's progress goes to the
 * channel its conversation hashes to, and a front end listens on all of them (one connection each).
 */
final class ShardedProgressTransport implements ProgressTransport {

    private static final Logger log = LoggerFactory.getLogger(ShardedProgressTransport.class);
    static final int SHARDS = 8;

    private final RedisClusterClient cluster;

    ShardedProgressTransport(RedisClusterClient cluster) {
        this.cluster = cluster;
    }

    static String channel(String platform, int shard) {
        return "kb:progress:{" + platform + ":" + shard + "}";
    }

    @Override
    public void publish(String platform, String conversationId, String message) {
        int shard = Math.floorMod(conversationId.hashCode(), SHARDS);
        RedisGuard.call(() -> cluster.spublish(channel(platform, shard), message));
    }

    @Override
    public Listening listen(String platform, Consumer<String> onMessage) {
        CountDownLatch subscribed = new CountDownLatch(SHARDS);
        List<JedisShardedPubSub> listeners = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            String channel = channel(platform, shard);
            JedisShardedPubSub listener = new JedisShardedPubSub() {
                @Override
                public void onSSubscribe(String ch, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onSMessage(String ch, String message) {
                    onMessage.accept(message);
                }
            };
            listeners.add(listener);
            threads.add(Thread.ofVirtual().name("progress-" + platform + "-" + shard).start(() -> {
                try {
                    cluster.ssubscribe(listener, channel);
                } catch (RuntimeException e) {
                    log.warn("Progress subscription {} ended: {}", channel, e.toString());
                    subscribed.countDown();
                }
            }));
        }
        return new ThreadedListening(subscribed, threads,
                () -> listeners.stream().allMatch(JedisShardedPubSub::isSubscribed), () -> listeners.stream()
                        .filter(JedisShardedPubSub::isSubscribed).forEach(JedisShardedPubSub::sunsubscribe));
    }
}

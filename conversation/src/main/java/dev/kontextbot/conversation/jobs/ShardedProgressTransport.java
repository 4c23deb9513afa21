package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.ResilientSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.RedisClusterClient;

/**
 * {@code SPUBLISH}/{@code SSUBSCRIBE} on a cluster. Each platform has {@link #SHARDS} channels, each with its own
 * hash tag ({@code kb:progress:{web:3}}), so their slots fall on different masters; a job's progress goes to the
 * channel its conversation hashes to, and a front end listens on all of them (one connection each, each
 * resubscribing by itself when its shard fails over).
 */
final class ShardedProgressTransport implements ProgressTransport {

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
        List<ResilientSubscription> subscriptions = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            String channel = channel(platform, shard);
            subscriptions.add(ResilientSubscription.start("progress-" + platform + "-" + shard, onSubscribed -> {
                JedisShardedPubSub listener = new JedisShardedPubSub() {
                    @Override
                    public void onSSubscribe(String ch, int count) {
                        onSubscribed.run();
                    }

                    @Override
                    public void onSMessage(String ch, String message) {
                        onMessage.accept(message);
                    }
                };
                return new ResilientSubscription.Attempt() {
                    @Override
                    public void run() {
                        cluster.ssubscribe(listener, channel);
                    }

                    @Override
                    public void stop() {
                        if (listener.isSubscribed()) {
                            listener.sunsubscribe();
                        }
                    }
                };
            }));
        }
        return new ResilientListening(subscriptions);
    }
}

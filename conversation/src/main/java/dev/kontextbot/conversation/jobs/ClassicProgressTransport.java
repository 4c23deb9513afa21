package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.ResilientSubscription;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/** {@code PUBLISH}/{@code SUBSCRIBE} on one channel per platform ({@code kb:progress:<platform>}). */
final class ClassicProgressTransport implements ProgressTransport {

    private final UnifiedJedis jedis;

    ClassicProgressTransport(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    @Override
    public void publish(String platform, String conversationId, String message) {
        RedisGuard.call(() -> jedis.publish(JobKeys.progressChannel(platform), message));
    }

    @Override
    public Listening listen(String platform, Consumer<String> onMessage) {
        String channel = JobKeys.progressChannel(platform);
        // A fresh listener per attempt: after a dropped connection the subscription starts over.
        return new ResilientListening(List.of(ResilientSubscription.start("progress-" + platform, onSubscribed -> {
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String ch, int count) {
                    onSubscribed.run();
                }

                @Override
                public void onMessage(String ch, String message) {
                    onMessage.accept(message);
                }
            };
            return new ResilientSubscription.Attempt() {
                @Override
                public void run() {
                    jedis.subscribe(listener, channel);
                }

                @Override
                public void stop() {
                    if (listener.isSubscribed()) {
                        listener.unsubscribe();
                    }
                }
            };
        })));
    }
}

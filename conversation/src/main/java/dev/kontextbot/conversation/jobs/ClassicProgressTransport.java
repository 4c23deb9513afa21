package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/** {@code PUBLISH}/{@code SUBSCRIBE} on one channel per platform ({@code kb:progress:<platform>}). */
final class ClassicProgressTransport implements ProgressTransport {

    private static final Logger log = LoggerFactory.getLogger(ClassicProgressTransport.class);

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
        CountDownLatch subscribed = new CountDownLatch(1);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                onMessage.accept(message);
            }
        };
        Thread thread = Thread.ofVirtual().name("progress-" + platform).start(() -> {
            try {
                jedis.subscribe(listener, JobKeys.progressChannel(platform));
            } catch (RuntimeException e) {
                log.warn("Progress subscription for {} ended: {}", platform, e.toString());
                subscribed.countDown();
            }
        });
        return new ThreadedListening(subscribed, List.of(thread), listener::isSubscribed, () -> {
            if (listener.isSubscribed()) {
                listener.unsubscribe();
            }
        });
    }
}

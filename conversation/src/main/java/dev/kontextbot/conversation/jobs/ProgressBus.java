package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-step progress on Redis pub/sub, one channel per platform ({@code kb:progress:<platform>}). Fire and
 * forget: a front end that is not listening misses steps, which is fine for progress; results travel on
 * the durable delivery stream instead. Front ends throttle what they show.
 */
public final class ProgressBus {

    private static final Logger log = LoggerFactory.getLogger(ProgressBus.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    /** The wire form: the preview travels as base64 text. */
    record Wire(String jobId, String conversationId, String platform, int step, int steps, long remainingMs,
            String previewPng) {
    }

    private final UnifiedJedis jedis;
    private final JobJson json = new JobJson();

    public ProgressBus(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    public void publish(ProgressEvent event) {
        Wire wire = new Wire(event.jobId(), event.conversationId(), event.platform(), event.step(), event.steps(),
                event.remaining().toMillis(),
                event.previewPng().map(png -> Base64.getEncoder().encodeToString(png)).orElse(null));
        RedisGuard.call(() -> jedis.publish(JobKeys.progressChannel(event.platform()), json.write(wire)));
    }

    /** Listens on a platform's channel until the returned handle is closed; returns once subscribed. */
    public AutoCloseable subscribe(String platform, Consumer<ProgressEvent> consumer) {
        CountDownLatch subscribed = new CountDownLatch(1);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                try {
                    Wire w = json.read(message, Wire.class);
                    consumer.accept(new ProgressEvent(w.jobId(), w.conversationId(), w.platform(), w.step(), w.steps(),
                            Duration.ofMillis(w.remainingMs()),
                            Optional.ofNullable(w.previewPng()).map(b -> Base64.getDecoder().decode(b))));
                } catch (RuntimeException e) {
                    log.warn("Progress listener for {} failed: {}", platform, e.toString());
                }
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
        try {
            if (!subscribed.await(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Progress subscription for {} not confirmed within {}", platform, SUBSCRIBE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> {
            if (listener.isSubscribed()) {
                listener.unsubscribe();
            }
            thread.join(SUBSCRIBE_TIMEOUT.toMillis());
        };
    }
}

package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.ResilientSubscription;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
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

    /**
     * Listens on a platform's channel until the returned handle is closed; returns once subscribed (or after
     * {@link #SUBSCRIBE_TIMEOUT}). A dropped connection is resubscribed by itself with backoff.
     */
    public AutoCloseable subscribe(String platform, Consumer<ProgressEvent> consumer) {
        return ResilientSubscription.start("progress-" + platform, onSubscribed -> {
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    onSubscribed.run();
                }

                @Override
                public void onMessage(String channel, String message) {
                    deliver(platform, message, consumer);
                }
            };
            return new ResilientSubscription.Attempt() {
                @Override
                public void run() {
                    jedis.subscribe(listener, JobKeys.progressChannel(platform));
                }

                @Override
                public void stop() {
                    if (listener.isSubscribed()) {
                        listener.unsubscribe();
                    }
                }
            };
        }, SUBSCRIBE_TIMEOUT);
    }

    private void deliver(String platform, String message, Consumer<ProgressEvent> consumer) {
        try {
            Wire w = json.read(message, Wire.class);
            consumer.accept(new ProgressEvent(w.jobId(), w.conversationId(), w.platform(), w.step(), w.steps(),
                    Duration.ofMillis(w.remainingMs()),
                    Optional.ofNullable(w.previewPng()).map(b -> Base64.getDecoder().decode(b))));
        } catch (RuntimeException e) {
            log.warn("Progress listener for {} failed: {}", platform, e.toString());
        }
    }
}

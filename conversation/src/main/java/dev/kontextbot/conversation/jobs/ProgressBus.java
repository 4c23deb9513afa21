package dev.kontextbot.conversation.jobs;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-step progress on Redis pub/sub, one channel per platform ({@code kb:progress:<platform>}; on a cluster a few
 * sharded channels per platform, see {@link ProgressTransport}). Fire and forget: a front end that is not listening
 * misses steps, which is fine for progress; results travel on the durable delivery stream instead. Front ends
 * throttle what they show.
 */
public final class ProgressBus {

    private static final Logger log = LoggerFactory.getLogger(ProgressBus.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    /** The wire form: the preview travels as base64 text. */
    record Wire(String jobId, String conversationId, String platform, int step, int steps, long remainingMs,
            String previewPng) {
    }

    private final ProgressTransport transport;
    private final JobJson json = new JobJson();

    public ProgressBus(UnifiedJedis jedis) {
        this.transport = ProgressTransport.forClient(jedis);
    }

    public void publish(ProgressEvent event) {
        Wire wire = new Wire(event.jobId(), event.conversationId(), event.platform(), event.step(), event.steps(),
                event.remaining().toMillis(),
                event.previewPng().map(png -> Base64.getEncoder().encodeToString(png)).orElse(null));
        transport.publish(event.platform(), event.conversationId(), json.write(wire));
    }

    /**
     * Listens on a platform's channel until the returned handle is closed; returns once subscribed (or after
     * {@link #SUBSCRIBE_TIMEOUT}). A dropped connection is resubscribed by itself with backoff.
     */
    public AutoCloseable subscribe(String platform, Consumer<ProgressEvent> consumer) {
        ProgressTransport.Listening listening = transport.listen(platform, message -> {
            try {
                Wire w = json.read(message, Wire.class);
                consumer.accept(new ProgressEvent(w.jobId(), w.conversationId(), w.platform(), w.step(), w.steps(),
                        Duration.ofMillis(w.remainingMs()),
                        Optional.ofNullable(w.previewPng()).map(b -> Base64.getDecoder().decode(b))));
            } catch (RuntimeException e) {
                log.warn("Progress listener for {} failed: {}", platform, e.toString());
            }
        });
        try {
            if (!listening.awaitSubscribed(SUBSCRIBE_TIMEOUT)) {
                log.warn("Progress subscription for {} not confirmed within {}", platform, SUBSCRIBE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return listening;
    }
}

package dev.kontextbot.core.health;

import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.QueueMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The bot's meters: turn latency, Redis errors, and the queue's counts (read from Redis at most once a second,
 * however often /metrics is scraped). Job and step durations are recorded by the edit worker.
 */
public final class BotMetrics {

    private final Timer turns;
    private final Counter storeErrors;
    private final JobQueue queue;
    private QueueMetrics cached;
    private Instant cachedAt = Instant.EPOCH;

    public BotMetrics(MeterRegistry registry, JobQueue queue) {
        this.queue = queue;
        this.turns = Timer.builder("kontextbot.turn.duration").description("Time from a message to its last reply")
                .register(registry);
        this.storeErrors = Counter.builder("kontextbot.redis.errors").description("Redis calls that failed")
                .register(registry);
        gauge(registry, "queued", QueueMetrics::queued);
        gauge(registry, "running", QueueMetrics::running);
        gauge(registry, "done", QueueMetrics::done);
        gauge(registry, "failed", QueueMetrics::failed);
        gauge(registry, "cancelled", QueueMetrics::cancelled);
        Gauge.builder("kontextbot.workers.live", this, m -> m.snapshot().liveWorkers())
                .description("Workers that sent a heartbeat recently").register(registry);
    }

    private void gauge(MeterRegistry registry, String state, ToDoubleFunction<QueueMetrics> value) {
        Gauge.builder("kontextbot.jobs", this, m -> value.applyAsDouble(m.snapshot()))
                .tag("state", state).description("Jobs by state").register(registry);
    }

    private synchronized QueueMetrics snapshot() {
        Instant now = Instant.now();
        if (cached == null || Duration.between(cachedAt, now).toMillis() > 1000) {
            try {
                cached = queue.metrics();
            } catch (RuntimeException e) {
                storeErrors.increment();
                if (cached == null) {
                    cached = new QueueMetrics(0, 0, 0, 0, 0, 0, 0);
                }
            }
            cachedAt = now;
        }
        return cached;
    }

    public Timer turns() {
        return turns;
    }

    public void storeError() {
        storeErrors.increment();
    }
}

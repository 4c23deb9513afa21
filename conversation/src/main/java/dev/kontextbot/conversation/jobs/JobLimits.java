package dev.kontextbot.conversation.jobs;

import java.time.Duration;

/**
 * Queue limits. {@code maxQueued} bounds jobs waiting (not running); {@code perUserActive} bounds a user's
 * queued plus running jobs; {@code lease} is how long a worker may go without a heartbeat before another
 * worker takes its job; {@code resultTtl} is how long finished records and undelivered results are kept.
 */
public record JobLimits(
        int maxQueued,
        int perUserActive,
        TokenBucket perUser,
        TokenBucket perGroup,
        int maxAttempts,
        Duration lease,
        Duration resultTtl) {

    public JobLimits {
        if (maxQueued < 1 || perUserActive < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxQueued, perUserActive and maxAttempts must be at least 1");
        }
        if (perUser == null || perGroup == null || lease == null || resultTtl == null) {
            throw new IllegalArgumentException("JobLimits needs both token buckets, a lease and a result TTL");
        }
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("The lease must be at least 100 ms");
        }
    }

    /** The defaults of issue 5: 2 active jobs per user, 2 attempts. */
    public static JobLimits defaults() {
        return new JobLimits(100, 2,
                new TokenBucket(5, Duration.ofSeconds(20)),
                new TokenBucket(20, Duration.ofSeconds(5)),
                2, Duration.ofSeconds(30), Duration.ofDays(1));
    }
}

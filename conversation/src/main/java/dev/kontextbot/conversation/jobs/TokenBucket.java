package dev.kontextbot.conversation.jobs;

import java.time.Duration;

/** A rate limit: up to {@code capacity} jobs at once, one more every {@code refillEvery}. */
public record TokenBucket(int capacity, Duration refillEvery) {
    public TokenBucket {
        if (capacity < 1 || refillEvery == null || refillEvery.toMillis() < 1) {
            throw new IllegalArgumentException("A token bucket needs capacity >= 1 and a positive refill time");
        }
    }
}

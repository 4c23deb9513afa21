package dev.kontextbot.adapters.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing the playground token: each client address may present {@link #BURST} wrong tokens, then one
 * more every {@link #REFILL}. While it has none left, every token it presents (right or wrong) is refused, so a
 * guesser learns nothing. A token bucket per address, kept in memory; addresses that stopped guessing are dropped.
 */
final class WrongTokenThrottle {
    static final int BURST = 5;
    static final Duration REFILL = Duration.ofSeconds(12);
    /** Addresses remembered at most; past this, full buckets (no recent failures) are dropped first. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    WrongTokenThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before presenting a token again; zero when it may now. */
    Duration waitFor(String address) {
        Bucket bucket = buckets.get(address);
        return bucket == null ? Duration.ZERO : bucket.waitTime(clock.instant());
    }

    void failed(String address) {
        if (buckets.size() >= MAX_ADDRESSES) {
            Instant now = clock.instant();
            buckets.values().removeIf(b -> b.full(now));
        }
        buckets.computeIfAbsent(address, a -> new Bucket(clock.instant())).take(clock.instant());
    }

    private static final class Bucket {
        private double tokens = BURST;
        private Instant updated;

        Bucket(Instant now) {
            this.updated = now;
        }

        synchronized void take(Instant now) {
            refill(now);
            tokens = Math.max(0, tokens - 1);
        }

        synchronized Duration waitTime(Instant now) {
            refill(now);
            if (tokens >= 1) {
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * REFILL.toMillis()));
        }

        synchronized boolean full(Instant now) {
            refill(now);
            return tokens >= BURST;
        }

        private void refill(Instant now) {
            long elapsed = Math.max(0, Duration.between(updated, now).toMillis());
            tokens = Math.min(BURST, tokens + (double) elapsed / REFILL.toMillis());
            updated = now;
        }
    }
}

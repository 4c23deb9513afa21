package dev.kontextbot.conversation.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * Backoff for a loop that talks to Redis: the wait doubles from {@code initial} up to {@code max} while Redis is
 * away, and the loop says so once when the outage starts and once when it ends (not on every failed round).
 * One instance per loop; not shared between threads.
 */
public final class OutageBackoff {

    private final Logger log;
    private final String what;
    private final Duration initial;
    private final Duration max;
    private Duration next;
    private long downSince;
    private boolean down;

    public OutageBackoff(Logger log, String what, Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max");
        }
        this.log = log;
        this.what = what;
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** 100 ms doubling to 5 s: a restarted Redis is noticed within seconds, a long outage costs little. */
    public static OutageBackoff standard(Logger log, String what) {
        return new OutageBackoff(log, what, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** Records a failed round and returns how long to wait before the next one (with up to 20 % jitter). */
    public Duration failed(Throwable cause) {
        if (!down) {
            down = true;
            downSince = System.nanoTime();
            log.warn("{}: Redis unavailable ({}); retrying with backoff up to {} s", what, describe(cause),
                    max.toSeconds());
        }
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 5 + 1);
        return wait.plusMillis(jitter);
    }

    /** Records a round that worked; logs the recovery once if an outage was in progress. */
    public void succeeded() {
        if (down) {
            down = false;
            log.info("{}: Redis is back after {} ms; resumed", what, (System.nanoTime() - downSince) / 1_000_000);
        }
        next = initial;
    }

    public boolean isDown() {
        return down;
    }

    /** {@link #failed} and sleep; returns false when interrupted (the caller should stop). */
    public boolean failedAndWait(Throwable cause) {
        try {
            Thread.sleep(failed(cause));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return root == cause ? message : message + "; " + root.getClass().getSimpleName();
    }
}

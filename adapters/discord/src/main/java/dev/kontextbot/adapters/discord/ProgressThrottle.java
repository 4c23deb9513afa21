package dev.kontextbot.adapters.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one progress edit per status message every {@code interval} (1.5 s on Discord): edits share the
 * per-channel rate-limit bucket with everything else the bot posts there. Updates in between are dropped, not
 * queued: the next one carries newer progress anyway.
 */
public final class ProgressThrottle {

    /** Discord's progress cadence for the status message. */
    public static final Duration DISCORD_INTERVAL = Duration.ofMillis(1500);

    /** Entries older than this belong to finished or lost jobs. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Instant> lastPassed = new ConcurrentHashMap<>();

    public ProgressThrottle(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** True when an edit for {@code key} (a job) may go out now; the caller then sends it. */
    public boolean tryPass(String key) {
        Instant now = clock.instant();
        boolean[] passed = {false};
        lastPassed.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(interval))) {
                passed[0] = true;
                return now;
            }
            return last;
        });
        if (passed[0]) {
            prune(now);
        }
        return passed[0];
    }

    /** The job ended: its next status (a result) is never throttled and its entry goes. */
    public void finish(String key) {
        lastPassed.remove(key);
    }

    int tracked() {
        return lastPassed.size();
    }

    private void prune(Instant now) {
        for (Iterator<Instant> it = lastPassed.values().iterator(); it.hasNext(); ) {
            if (it.next().plus(FORGET_AFTER).isBefore(now)) {
                it.remove();
            }
        }
    }
}

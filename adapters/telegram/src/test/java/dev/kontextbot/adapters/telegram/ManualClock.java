package dev.kontextbot.adapters.telegram;

import dev.kontextbot.conversation.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock tests move by hand; as a {@link Sleeper} it records each wait and moves itself instead of sleeping. */
final class ManualClock extends MutableClock implements Sleeper {

    private final List<Duration> sleeps = new ArrayList<>();

    ManualClock() {
        super(Instant.parse("2026-01-01T12:00:00Z"));
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }
}

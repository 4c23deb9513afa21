package dev.kontextbot.adapters.telegram;

import java.time.Duration;

/** How the adapter waits out a flood limit; tests pass one that moves their clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}

package dev.kontextbot.adapters.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Everything the adapter sent through the mocked Javacord, in order, for assertions and for waiting on the bot. */
final class SentLog {

    private final List<Sent> sent = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(5000);

    long nextMessageId() {
        return nextId.incrementAndGet();
    }

    synchronized void add(Sent message) {
        sent.add(message);
        notifyAll();
    }

    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    /** Waits until a sent message matches (the bot answers on its own threads); fails with what was sent. */
    synchronized Sent await(Predicate<Sent> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < sent.size(); checked++) {
                if (matches.test(sent.get(checked))) {
                    return sent.get(checked++);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Nothing matching within " + timeout + "; sent: " + sent);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** Waits for a match after the first {@code skip} messages. */
    synchronized Sent awaitAfter(int skip, Predicate<Sent> matches, Duration timeout) {
        return await(s -> sent.indexOf(s) >= skip && matches.test(s), timeout);
    }

    synchronized int size() {
        return sent.size();
    }
}

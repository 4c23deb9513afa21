package dev.kontextbot.core.testing;

import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.chat.ReplyTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A chat platform for tests that records every reply, from turns (as a {@link ReplySink}) and from deliveries, and
 * gives each image a message id, as a real platform would.
 */
public final class RecordingPlatform implements ChatPlatform, ReplySink {

    private final String name;
    private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Reply> all = new ArrayList<>();
    private final AtomicInteger nextMessage = new AtomicInteger(1000);

    public RecordingPlatform(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> deliver(ReplyTarget target, Reply reply) {
        return send(reply);
    }

    @Override
    public Optional<String> send(Reply reply) {
        synchronized (all) {
            all.add(reply);
        }
        replies.add(reply);
        return reply instanceof Reply.Image ? Optional.of("m" + nextMessage.incrementAndGet()) : Optional.empty();
    }

    /** Waits for the next reply that matches, skipping (and keeping in {@link #all()}) the others. */
    public <T extends Reply> T await(Class<T> type, Predicate<T> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Reply next;
            try {
                next = left <= 0 ? null : replies.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            if (next == null) {
                throw new AssertionError("No " + type.getSimpleName() + " within " + timeout + "; got " + all());
            }
            if (type.isInstance(next) && matches.test(type.cast(next))) {
                return type.cast(next);
            }
        }
    }

    public <T extends Reply> T await(Class<T> type) {
        return await(type, r -> true, Duration.ofSeconds(60));
    }

    public List<Reply> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}

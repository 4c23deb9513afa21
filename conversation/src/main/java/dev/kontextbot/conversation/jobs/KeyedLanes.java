package dev.kontextbot.conversation.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bounded queue per key (a chat, a channel), each drained in order on its own virtual thread, so a slow or
 * stalled recipient (a flood-limit wait, a hung upload) holds up only its own messages. A full queue refuses the
 * task: {@link #offer} returns false and a log line names the key by a short one-way alias (at most once a minute
 * per key; a key may be a web session id, which is never logged), and the caller
 * decides what a refusal means (a delivery stays in its stream for a later round, a progress update is dropped). An
 * idle key holds no memory and no thread.
 */
public final class KeyedLanes {

    private static final Logger log = LoggerFactory.getLogger(KeyedLanes.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private static final class Lane {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        int running;
    }

    private final String name;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Long> warnedAt = new ConcurrentHashMap<>();

    /**
     * @param name     what the lanes carry, for the log ("Telegram deliveries")
     * @param capacity tasks that may wait per key behind the one running
     */
    public KeyedLanes(String name, int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A lane must hold at least one task");
        }
        this.name = name;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Queues the task behind the key's earlier ones; false (and the task is not run) when the key's queue is full. */
    public boolean offer(String key, Runnable task) {
        boolean[] accepted = {false};
        boolean[] start = {false};
        lanes.compute(key, (k, lane) -> {
            Lane l = lane == null ? new Lane() : lane;
            if (l.queue.size() < capacity) {
                l.queue.add(task);
                accepted[0] = true;
                if (l.running == 0) {
                    l.running = 1;
                    start[0] = true;
                }
            }
            return l;
        });
        if (start[0]) {
            Thread.ofVirtual().name("lane-" + name).start(() -> drain(key));
        }
        if (!accepted[0]) {
            long now = clock.millis();
            Long last = warnedAt.get(key);
            if (last == null || now - last >= WARN_EVERY.toMillis()) {
                warnedAt.put(key, now);
                log.warn("{} for chat {} are not being taken as fast as they come ({} waiting); leaving it behind",
                        name, alias(key), capacity);
            }
        }
        return accepted[0];
    }

    /** Waits up to {@code max} for every lane to run dry; true when they did. */
    public boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!lanes.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A short one-way alias of a key for the log: a key may be a web session id, which is never logged. */
    static String alias(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void drain(String key) {
        while (true) {
            Runnable[] next = {null};
            lanes.computeIfPresent(key, (k, l) -> {
                next[0] = l.queue.poll();
                return next[0] == null ? null : l;
            });
            if (next[0] == null) {
                warnedAt.remove(key);
                return;
            }
            try {
                next[0].run();
            } catch (RuntimeException e) {
                log.warn("{} for chat {}: a task failed: {}", name, alias(key), e.toString());
            }
        }
    }
}

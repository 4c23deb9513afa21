package dev.kontextbot.core.turn;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs turns on virtual threads, one at a time per conversation and any number of conversations in parallel.
 * LangChain4j's AiServices must not run concurrently for one memory id, and a user's "undo" must not overtake the
 * edit it undoes. Each conversation has a tail future; a new turn chains onto it. At most {@code maxWaiting} turns
 * wait behind the running one: a flood of messages (each may call the LLM for a minute) is told to wait instead of
 * queueing hours of work.
 */
public final class TurnSerializer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TurnSerializer.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> pending = new ConcurrentHashMap<>();
    private final int maxWaiting;

    public TurnSerializer(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /**
     * Queues {@code turn} behind the conversation's earlier turns, unless {@code maxWaiting} already wait: then
     * {@code whenFull} runs instead (on a virtual thread, never the caller's). Completes when either has run.
     */
    public CompletableFuture<Void> submit(String conversationId, Runnable turn, Runnable whenFull) {
        Integer[] count = {0};
        pending.compute(conversationId, (id, n) -> {
            count[0] = n == null ? 1 : n + 1;
            return count[0] > maxWaiting + 1 ? n : count[0];
        });
        if (count[0] > maxWaiting + 1) {
            return CompletableFuture.runAsync(whenFull, executor);
        }
        return chain(conversationId, () -> {
            try {
                turn.run();
            } finally {
                pending.computeIfPresent(conversationId, (id, n) -> n <= 1 ? null : n - 1);
            }
        });
    }

    /** Queues {@code turn} behind the conversation's earlier turns, with no cap (a view call that waits for it). */
    public CompletableFuture<Void> submit(String conversationId, Runnable turn) {
        return chain(conversationId, turn);
    }

    private CompletableFuture<Void> chain(String conversationId, Runnable turn) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(conversationId, next);
        CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
        start.whenComplete((ignored, error) -> executor.execute(() -> {
            try {
                turn.run();
            } catch (RuntimeException e) {
                log.error("Turn failed in conversation {}", conversationId, e);
            } finally {
                next.complete(null);
                // Drop the tail when nothing queued behind it, so idle conversations cost nothing.
                tails.remove(conversationId, next);
            }
        }));
        return next;
    }

    /** Turns queued or running now, for metrics. */
    public int activeConversations() {
        return tails.size();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}

package dev.kontextbot.adapters.telegram;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the small hand-off work of each update (the acknowledgement, then the call into the bot) off the polling
 * thread, in order per chat: "make it red" then "undo" must reach the bot in that order. Lanes of different chats run
 * side by side; an idle lane holds no memory.
 */
final class ChatLanes {

    private static final Logger LOG = LoggerFactory.getLogger(ChatLanes.class);

    private final Executor executor;
    private final Redactor redactor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    ChatLanes(Executor executor, Redactor redactor) {
        this.executor = executor;
        this.redactor = redactor;
    }

    void submit(String chatId, Runnable task) {
        CompletableFuture<Void>[] mine = new CompletableFuture[1];
        tails.compute(chatId, (key, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            mine[0] = previous.thenRunAsync(() -> run(task), executor);
            return mine[0];
        });
        mine[0].whenComplete((ok, error) -> tails.remove(chatId, mine[0]));
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Handling a Telegram update failed: {}", redactor.describe(e));
        }
    }
}

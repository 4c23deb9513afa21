package dev.kontextbot.core.chat;

import java.util.concurrent.CompletableFuture;

/**
 * What adapters talk to. Both calls return at once: the turn runs on a virtual thread, one turn at a time per
 * conversation, and its replies go to the sink. The returned future completes when the turn has ended (not the
 * jobs it queued); adapters on an event thread ignore it. Results of queued jobs arrive later through
 * {@link ChatPlatform#deliver}, on the platform registered with {@link #register}.
 */
public interface KontextBot {

    CompletableFuture<Void> onMessage(ChatEvent event, ReplySink sink);

    CompletableFuture<Void> onButton(ButtonPress press, ReplySink sink);

    /** Starts delivering late replies (progress, results) for this platform. */
    void register(ChatPlatform platform);

    /**
     * Calls {@code listener} with every item the safety screens flag in this process, so an adapter can tell its
     * admins; called on the thread that flagged it, so a listener hands slow work to another thread.
     */
    default void onFlagged(java.util.function.Consumer<ReviewDesk.Entry> listener) {
    }

    /** Model and license facts for help texts and the playground footer. */
    BotInfo info();
}

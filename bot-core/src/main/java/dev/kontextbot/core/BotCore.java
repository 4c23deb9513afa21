package dev.kontextbot.core;

import dev.kontextbot.core.answer.ButtonTurns;
import dev.kontextbot.core.answer.MessageTurns;
import dev.kontextbot.core.answer.TurnErrors;
import dev.kontextbot.core.chat.BotInfo;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.chat.ReviewDesk;
import dev.kontextbot.core.delivery.DeliveryRouter;
import dev.kontextbot.core.safety.ReviewService;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.turn.ConversationIds;
import dev.kontextbot.core.turn.TurnSerializer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one entry point adapters call: each message or button press becomes a turn of its conversation (one at a
 * time per conversation, on virtual threads), answered by {@link MessageTurns} or {@link ButtonTurns}; late
 * results reach the registered platforms through the {@link DeliveryRouter}. Built by {@code CoreWiring}.
 */
public final class BotCore implements KontextBot, AutoCloseable {

    private final ConversationIds conversations;
    private final TurnSerializer turns;
    private final TurnErrors errors;
    private final MessageTurns messages;
    private final ButtonTurns buttons;
    private final DeliveryRouter deliveries;
    private final Screening screening;
    private final BotInfo info;

    public BotCore(ConversationIds conversations, TurnSerializer turns, TurnErrors errors, MessageTurns messages,
                   ButtonTurns buttons, DeliveryRouter deliveries, Screening screening, BotInfo info) {
        this.conversations = conversations;
        this.turns = turns;
        this.errors = errors;
        this.messages = messages;
        this.buttons = buttons;
        this.deliveries = deliveries;
        this.screening = screening;
        this.info = info;
    }

    @Override
    public CompletableFuture<Void> onMessage(ChatEvent event, ReplySink sink) {
        String conv = conversations.of(event.origin());
        return turns.submit(conv, () -> errors.guarded(conv, sink, () -> messages.answer(conv, event, sink)),
                () -> errors.tooManyWaiting(sink));
    }

    @Override
    public CompletableFuture<Void> onButton(ButtonPress press, ReplySink sink) {
        String conv = conversations.of(press.origin());
        return turns.submit(conv, () -> errors.guarded(conv, sink, () -> buttons.answer(conv, press, sink)),
                () -> errors.tooManyWaiting(sink));
    }

    @Override
    public void register(ChatPlatform platform) {
        deliveries.register(platform);
    }

    @Override
    public BotInfo info() {
        return info;
    }

    @Override
    public void onFlagged(Consumer<ReviewDesk.Entry> listener) {
        screening.onFlagged(item -> listener.accept(ReviewService.entry(item)));
    }

    @Override
    public void close() {
        deliveries.close();
        turns.close();
    }
}

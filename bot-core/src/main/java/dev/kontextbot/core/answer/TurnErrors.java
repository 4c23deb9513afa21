package dev.kontextbot.core.answer;

import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.health.BotMetrics;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.words.StateWords;
import io.micrometer.core.instrument.Timer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a turn and answers every failure in plain words: a refusal in its own words, an unknown fault with an
 * incident number that is also in the log. No stack trace reaches a chat.
 */
public final class TurnErrors {

    private static final Logger log = LoggerFactory.getLogger(TurnErrors.class);

    private final BotMetrics metrics;
    private final int maxWaitingTurns;
    private final StateWords words;

    public TurnErrors(BotMetrics metrics, int maxWaitingTurns, StateWords words) {
        this.metrics = metrics;
        this.words = words;
        this.maxWaitingTurns = maxWaitingTurns;
    }

    /** Runs {@code turn} of {@code conv}, timed, with every failure answered on {@code sink}. */
    public void guarded(String conv, ReplySink sink, Runnable turn) {
        MDC.put("conv", conv);
        Timer.Sample sample = Timer.start();
        try {
            turn.run();
        } catch (TurnException e) {
            sink.send(new Reply.Error(e.code(), e.getMessage()));
        } catch (ConversationException e) {
            sink.send(new Reply.Error(StateWords.code(e), words.refusal(e)));
        } catch (StoreUnavailableException e) {
            metrics.storeError();
            sink.send(new Reply.Error("store_unavailable", words.storeUnavailable()));
        } catch (RuntimeException e) {
            String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            log.error("Turn failed, incident {}", incident, e);
            sink.send(new Reply.Error("internal", words.turnFailed(incident)));
        } finally {
            sample.stop(metrics.turns());
            MDC.remove("conv");
        }
    }

    /** Said when more messages of one conversation wait than the bot queues. */
    public void tooManyWaiting(ReplySink sink) {
        try {
            sink.send(new Reply.Error("too_many_messages", words.tooManyWaiting(maxWaitingTurns)));
        } catch (RuntimeException e) {
            log.warn("Could not say that too many messages are waiting: {}", e.getMessage());
        }
    }
}

package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.retention.QuotaExceededException;
import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.state.UnnamedVersionException;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.words.StateWords;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.function.Function;

/**
 * Runs a tool body and turns every expected failure into a plain error reply for the user; the returned text tells
 * the agent what happened. Nothing escapes as a stack trace.
 */
final class ToolGuard {

    private ToolGuard() {
    }

    /** {@code turn}: the parameters of the turn that called the tool (its {@link TurnContext}). */
    static String run(InvocationParameters turn, Function<TurnContext, String> body) {
        TurnContext ctx = TurnContext.of(turn);
        try {
            return body.apply(ctx);
        } catch (TurnException e) {
            return fail(ctx, e.code(), e.getMessage());
        } catch (ConversationException e) {
            return fail(ctx, StateWords.code(e), ctx.words().refusal(e));
        } catch (QuotaExceededException e) {
            return fail(ctx, "quota_exceeded", ctx.words().quota(e));
        } catch (StoreUnavailableException e) {
            return fail(ctx, "store_unavailable", ctx.words().storeUnavailable());
        } catch (UnnamedVersionException e) {
            // A bad argument goes back to the agent only, as a tool's exception would: it asks which version.
            return ctx.words().refusal(e.refusal());
        }
    }

    private static String fail(TurnContext ctx, String code, String message) {
        ctx.send(new Reply.Error(code, message));
        return "Failed: " + message;
    }
}

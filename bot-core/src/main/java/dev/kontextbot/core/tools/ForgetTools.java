package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.jobs.CancelResult;
import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.ForgetConfirmations;
import dev.kontextbot.core.turn.ConversationIds;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;

/**
 * Forgetting a conversation: said twice by the same person (within {@link ForgetConfirmations#WINDOW}), only by an
 * admin when the conversation is shared by a group, and it cancels the conversation's unfinished jobs; a job that
 * still finishes writes nothing (see {@link ConversationStore#forget}).
 */
public final class ForgetTools {

    static final String ASK = "This deletes every picture, version and message of this conversation, for good. "
            + "Say \"forget\" again within " + ForgetConfirmations.WINDOW.toMinutes() + " minutes to confirm.";

    private final ConversationStore store;
    private final ForgetConfirmations confirmations;
    private final JobQueue queue;
    private final ConversationJobs jobs;
    private final ConversationIds conversations;

    /** {@code conversations} says when a conversation belongs to a whole group, not to the person speaking. */
    public ForgetTools(ConversationStore store, ForgetConfirmations confirmations, JobQueue queue,
                       ConversationJobs jobs, ConversationIds conversations) {
        this.store = store;
        this.confirmations = confirmations;
        this.queue = queue;
        this.jobs = jobs;
        this.conversations = conversations;
    }

    @Tool(name = "forget_conversation", value = "Delete everything this conversation stored: pictures, versions and "
            + "memory. The first call asks the user to confirm; call it again only when the user confirms.")
    public String forgetConversation(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            if (conversations.shared(ctx.origin()) && !ctx.admin()) {
                throw new TurnException("forget_admins_only", "This conversation is shared by the whole group, so "
                        + "only an admin can delete it. Say \"start over\" to begin a new picture.");
            }
            if (confirmations.request(ctx.conversation(), ctx.userId(), ctx.turnId())
                    == ForgetConfirmations.Answer.ASK_AGAIN) {
                return ASK;
            }
            int cancelled = cancelUnfinished(ctx);
            store.forget(ctx.conversation());
            ctx.markForgotten();
            return "Done: I deleted every picture, version and message of this conversation."
                    + (cancelled == 0 ? "" : " I also cancelled " + cancelled + " unfinished edit"
                    + (cancelled == 1 ? "." : "s."));
        });
    }

    /** Cancels what is queued or running; the caller may (own conversation, or an admin in a shared one). */
    private int cancelUnfinished(TurnContext ctx) {
        int cancelled = 0;
        for (String jobId : UnfinishedJobs.of(jobs, queue, ctx.conversation())) {
            CancelResult result = queue.cancel(jobId, ctx.userId(), true);
            if (result instanceof CancelResult.Removed || result instanceof CancelResult.Stopping) {
                cancelled++;
            }
        }
        return cancelled;
    }
}

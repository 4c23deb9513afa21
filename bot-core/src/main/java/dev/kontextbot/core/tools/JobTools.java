package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.jobs.CancelResult;
import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Cancelling the conversation's queued or running jobs; an admin in a group chat cancels every member's jobs of
 * that chat (in per-user mode each member has a conversation of their own, so the conversation alone is not enough).
 */
public final class JobTools {

    private final JobQueue queue;
    private final ConversationJobs jobs;

    public JobTools(JobQueue queue, ConversationJobs jobs) {
        this.queue = queue;
        this.jobs = jobs;
    }

    @Tool(name = "cancel_job", value = "Cancel the edits of this conversation that are queued or running.")
    public String cancelJob(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            List<String> said = new ArrayList<>();
            Set<String> candidates = new LinkedHashSet<>(jobs.recent(ctx.conversation()));
            if (ctx.admin() && !ctx.origin().privateChat()) {
                // An admin's cancel in a group reaches every member's jobs there, per-user conversations too.
                candidates.addAll(jobs.recentInChat(ctx.origin().platform(), ctx.origin().chatId()));
            }
            for (String jobId : UnfinishedJobs.among(candidates, queue)) {
                CancelResult result = queue.cancel(jobId, ctx.userId(), ctx.admin());
                said.add(ctx.words().cancel(result));
            }
            return said.isEmpty() ? "Nothing is queued or running in this conversation." : String.join("\n", said);
        });
    }
}

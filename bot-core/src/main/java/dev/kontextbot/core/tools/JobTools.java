package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.jobs.CancelResult;
import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.core.service.TurnContext;
import dev.langchain4j.agent.tool.Tool;
import java.util.ArrayList;
import java.util.List;

/** Cancelling the conversation's queued or running jobs. */
public final class JobTools {

    private final TurnContext ctx;
    private final JobQueue queue;
    private final ConversationJobs jobs;

    public JobTools(TurnContext ctx, JobQueue queue, ConversationJobs jobs) {
        this.ctx = ctx;
        this.queue = queue;
        this.jobs = jobs;
    }

    @Tool(name = "cancel_job", value = "Cancel the edits of this conversation that are queued or running.")
    public String cancelJob() {
        return ToolGuard.run(ctx, () -> {
            List<String> said = new ArrayList<>();
            for (String jobId : UnfinishedJobs.of(jobs, queue, ctx.conversation())) {
                CancelResult result = queue.cancel(jobId, ctx.userId(), ctx.admin());
                said.add(switch (result) {
                    case CancelResult.Removed r -> r.plainMessage();
                    case CancelResult.Stopping s -> s.plainMessage();
                    case CancelResult.Refused r -> r.plainMessage();
                    case CancelResult.NotFound n -> n.plainMessage();
                    case CancelResult.AlreadyFinished a -> a.plainMessage();
                });
            }
            return said.isEmpty() ? "Nothing is queued or running in this conversation." : String.join("\n", said);
        });
    }
}

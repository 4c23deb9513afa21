package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobRecord;
import dev.kontextbot.conversation.jobs.JobStatus;
import java.util.List;

/** The conversation's recent jobs that are still queued or running. */
final class UnfinishedJobs {

    private UnfinishedJobs() {
    }

    static List<String> of(ConversationJobs jobs, JobQueue queue, String conversation) {
        return jobs.recent(conversation).stream().filter(jobId -> {
            JobStatus status = queue.record(jobId).map(JobRecord::status).orElse(JobStatus.EXPIRED);
            return status == JobStatus.QUEUED || status == JobStatus.RUNNING;
        }).toList();
    }
}

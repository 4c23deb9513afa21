package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobRecord;
import dev.kontextbot.conversation.jobs.JobStatus;
import java.util.Collection;
import java.util.List;

/** The conversation's recent jobs that are still queued or running. */
final class UnfinishedJobs {

    private UnfinishedJobs() {
    }

    static List<String> of(ConversationJobs jobs, JobQueue queue, String conversation) {
        return among(jobs.recent(conversation), queue);
    }

    /** Those of {@code jobIds} that are still queued or running, in their order. */
    static List<String> among(Collection<String> jobIds, JobQueue queue) {
        return jobIds.stream().filter(jobId -> {
            JobStatus status = queue.record(jobId).map(JobRecord::status).orElse(JobStatus.EXPIRED);
            return status == JobStatus.QUEUED || status == JobStatus.RUNNING;
        }).toList();
    }
}

package dev.kontextbot.conversation.jobs;

import java.time.Instant;

/**
 * What the queue knows about a job. {@code startedAt}, {@code finishedAt}, {@code workerId},
 * {@code versionId}, {@code errorCode} and {@code errorMessage} are null until they apply.
 */
public record JobRecord(
        JobSpec spec,
        JobStatus status,
        int attempts,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        String workerId,
        String versionId,
        String errorCode,
        String errorMessage,
        boolean cancelRequested) {

    public String jobId() {
        return spec.jobId();
    }
}

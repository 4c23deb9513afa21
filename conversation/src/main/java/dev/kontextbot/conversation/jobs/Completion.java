package dev.kontextbot.conversation.jobs;

/**
 * A finished job for its front end. {@code versionId} is set when DONE; {@code errorCode} and
 * {@code message} when FAILED, CANCELLED or EXPIRED.
 */
public record Completion(String jobId, JobSpec spec, JobStatus status, String versionId, String errorCode,
        String message) {
}

package dev.kontextbot.conversation.jobs;

/**
 * A finished job for its front end. {@code versionId} is set when DONE; {@code errorCode} and
 * {@code message} when FAILED, CANCELLED or EXPIRED. {@code maybeDelivered}: an earlier attempt to deliver it began
 * and did not finish (a front end that stopped mid-send, a send that failed), so the user may have it already.
 */
public record Completion(String jobId, JobSpec spec, JobStatus status, String versionId, String errorCode,
        String message, boolean maybeDelivered) {

    public Completion(String jobId, JobSpec spec, JobStatus status, String versionId, String errorCode,
            String message) {
        this(jobId, spec, status, versionId, errorCode, message, false);
    }

    Completion sentBefore() {
        return new Completion(jobId, spec, status, versionId, errorCode, message, true);
    }
}

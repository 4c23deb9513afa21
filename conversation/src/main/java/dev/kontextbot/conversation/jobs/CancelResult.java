package dev.kontextbot.conversation.jobs;

/** The answer to {@link JobQueue#cancel}; bot-core says it in words. */
public sealed interface CancelResult {

    String jobId();

    /** The job had not started and never will. */
    record Removed(String jobId) implements CancelResult {
    }

    /** The job is running; its worker stops at the next step. */
    record Stopping(String jobId) implements CancelResult {
    }

    /** The requester is neither the owner nor an admin. */
    record Refused(String jobId) implements CancelResult {
    }

    record NotFound(String jobId) implements CancelResult {
    }

    record AlreadyFinished(String jobId, JobStatus status) implements CancelResult {
    }
}

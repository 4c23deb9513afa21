package dev.kontextbot.conversation.jobs;

/** The answer to {@link JobQueue#cancel}; every variant carries a sentence for the user. */
public sealed interface CancelResult {

    String plainMessage();

    /** The job had not started and never will. */
    record Removed(String jobId, String plainMessage) implements CancelResult {
    }

    /** The job is running; its worker stops at the next step. */
    record Stopping(String jobId, String plainMessage) implements CancelResult {
    }

    /** The requester is neither the owner nor an admin. */
    record Refused(String jobId, String plainMessage) implements CancelResult {
    }

    record NotFound(String jobId, String plainMessage) implements CancelResult {
    }

    record AlreadyFinished(String jobId, JobStatus status, String plainMessage) implements CancelResult {
    }
}

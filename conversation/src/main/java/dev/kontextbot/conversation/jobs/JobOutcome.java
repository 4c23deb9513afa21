package dev.kontextbot.conversation.jobs;

/** What a handler made of a job. */
public sealed interface JobOutcome {

    /** The result is stored as {@code versionId}; storing it must be idempotent per job id. */
    record Succeeded(String versionId) implements JobOutcome {
    }

    /** The job failed; {@code retryable} lets another attempt run while attempts remain. */
    record Failed(String code, String plainMessage, boolean retryable) implements JobOutcome {
    }

    /** The handler saw the cancellation flag and stopped. */
    record Cancelled() implements JobOutcome {
    }
}

package dev.kontextbot.conversation.jobs;

import java.util.concurrent.Callable;

/** What a handler made of a job. */
public sealed interface JobOutcome {

    /** The result is stored as {@code versionId}; storing it must be idempotent per job id. */
    record Succeeded(String versionId) implements JobOutcome {
    }

    /** The job failed; {@code retryable} lets another attempt run while attempts remain. */
    record Failed(JobFailure failure, boolean retryable) implements JobOutcome {

        /** A failure in the handler's own words (see {@link JobFailure.Said}). */
        public Failed(String code, String words, boolean retryable) {
            this(new JobFailure.Said(code, words), retryable);
        }

        public String code() {
            return failure.code();
        }
    }

    /** The handler saw the cancellation flag and stopped. */
    record Cancelled() implements JobOutcome {
    }

    /**
     * The device's part is done; {@code rest} (encoding, storing) runs on another thread while the next job already
     * uses the device, and its outcome is recorded when it returns. The job keeps its lease until then.
     */
    record Finishing(Callable<JobOutcome> rest) implements JobOutcome {
    }
}

package dev.kontextbot.conversation.jobs;

import java.time.Duration;

/** The answer to {@link JobQueue#submit}. */
public sealed interface SubmitResult {

    record Accepted(String jobId, QueuePosition position) implements SubmitResult {
    }

    record Rejected(RejectReason reason, Duration retryAfter, String plainMessage) implements SubmitResult {
    }
}

package dev.kontextbot.conversation.jobs;

import java.time.Duration;

/** The answer to {@link JobQueue#submit}. */
public sealed interface SubmitResult {

    record Accepted(String jobId, QueuePosition position) implements SubmitResult {
    }

    /**
     * Not queued: {@code retryAfter} is when trying again should work; {@code perUserActive} is the cap of
     * unfinished jobs per user (the limit {@link RejectReason#USER_CAP} met); {@code byGroup} is true when a
     * {@link RejectReason#RATE_LIMITED} came from the group's budget rather than the user's.
     */
    record Rejected(RejectReason reason, Duration retryAfter, int perUserActive, boolean byGroup)
            implements SubmitResult {
    }
}

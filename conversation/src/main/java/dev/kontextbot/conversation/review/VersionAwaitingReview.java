package dev.kontextbot.conversation.review;

import dev.kontextbot.conversation.jobs.JobSpec;

/**
 * A result kept out of the edit tree until an admin releases it: the job that made it and what its version will
 * be (the step's parent, its typed part, instruction and seed, size and idempotency key), so a release appends exactly the version the
 * job would have appended.
 */
public record VersionAwaitingReview(JobSpec job, String parentVersionId, String instructionTyped, String instructionSent,
                         long seed, int width, int height, String stepJobId) {
}

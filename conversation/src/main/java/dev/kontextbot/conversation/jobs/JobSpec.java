package dev.kontextbot.conversation.jobs;

import java.util.List;

/**
 * Everything needed to run a job and deliver its result later, with no other state to look up.
 * {@code jobId} is null until {@link JobQueue#submit} assigns one; {@code baseVersionId}, {@code width},
 * {@code height}, {@code groupId} and {@code region} may be null.
 *
 * <p>{@code region} makes the edit local: {@code "px:X,Y,W,H"} in pixels of the base picture, or
 * {@code "frac:X,Y,W,H"} as fractions of its width and height (bot-core's {@code RegionSpec} reads it); every pixel
 * outside stays the base's. {@code keepUntouched} (null for no) restores every pixel a whole-picture edit did not
 * change from the base. {@code variations} (null or 1 for one) runs a one-instruction edit that many times with
 * seeds {@code seed, seed+1, ...}, each result a sibling version of the base.
 */
public record JobSpec(
        String jobId,
        String conversationId,
        JobKind kind,
        String baseVersionId,
        String instructionTyped,
        String instructionSent,
        List<String> referenceBlobIds,
        long seed,
        int steps,
        double guidance,
        Integer width,
        Integer height,
        String userId,
        String groupId,
        DeliveryTarget delivery,
        String region,
        Boolean keepUntouched,
        Integer variations) {

    /** Most variations one job makes. */
    public static final int MAX_VARIATIONS = 4;

    /** A job over the whole picture. */
    public JobSpec(String jobId, String conversationId, JobKind kind, String baseVersionId, String instructionTyped,
                   String instructionSent, List<String> referenceBlobIds, long seed, int steps, double guidance,
                   Integer width, Integer height, String userId, String groupId, DeliveryTarget delivery) {
        this(jobId, conversationId, kind, baseVersionId, instructionTyped, instructionSent, referenceBlobIds, seed,
                steps, guidance, width, height, userId, groupId, delivery, null, null, null);
    }

    public JobSpec {
        referenceBlobIds = referenceBlobIds == null ? List.of() : List.copyOf(referenceBlobIds);
        if (conversationId == null || conversationId.isBlank()) {
            throw new InvalidJobException("A job needs a conversation");
        }
        if (kind == null) {
            throw new InvalidJobException("A job needs a kind (EDIT or GENERATE)");
        }
        if (kind == JobKind.EDIT && baseVersionId == null && referenceBlobIds.isEmpty()) {
            throw new InvalidJobException("An edit needs a picture to start from");
        }
        if (userId == null || userId.isBlank()) {
            throw new InvalidJobException("A job needs the user who asked for it");
        }
        if (steps < 1 || steps > 200) {
            throw new InvalidJobException("Steps must be between 1 and 200, not " + steps);
        }
        if ((width == null) != (height == null)) {
            throw new InvalidJobException("Give both width and height, or neither");
        }
        if (delivery == null) {
            throw new InvalidJobException("A job needs a delivery target");
        }
        if (variations != null && (variations < 1 || variations > MAX_VARIATIONS)) {
            throw new InvalidJobException("Variations must be between 1 and " + MAX_VARIATIONS);
        }
        if (region != null && (kind != JobKind.EDIT || baseVersionId == null)) {
            throw new InvalidJobException("Only an edit of a stored picture can be limited to a region");
        }
    }

    public JobSpec withJobId(String id) {
        return new JobSpec(id, conversationId, kind, baseVersionId, instructionTyped, instructionSent,
                referenceBlobIds, seed, steps, guidance, width, height, userId, groupId, delivery, region, keepUntouched, variations);
    }
}

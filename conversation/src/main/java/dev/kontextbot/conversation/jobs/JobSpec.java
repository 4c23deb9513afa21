package dev.kontextbot.conversation.jobs;

/**
 * Everything needed to run a job and deliver its result later, with no other state to look up: who asked
 * ({@code requester}), where the result goes ({@code delivery}), what to make ({@code recipe}) and how to sample
 * ({@code sampling}). {@code jobId} is null until {@link JobQueue#submit} assigns one. {@code format} is the version
 * of the stored JSON ({@link #FORMAT}); {@link JobJson} still reads the flat form jobs had before it.
 */
public record JobSpec(
        String jobId,
        String conversationId,
        Requester requester,
        DeliveryTarget delivery,
        EditRecipe recipe,
        Sampling sampling,
        int format) {

    /** The stored form this code writes: 2, the typed recipe (1 was the flat form with joined steps). */
    public static final int FORMAT = 2;

    public JobSpec(String jobId, String conversationId, Requester requester, DeliveryTarget delivery,
                   EditRecipe recipe, Sampling sampling) {
        this(jobId, conversationId, requester, delivery, recipe, sampling, FORMAT);
    }

    public JobSpec {
        if (conversationId == null || conversationId.isBlank()) {
            throw new InvalidJobException("A job needs a conversation");
        }
        if (recipe == null) {
            throw new InvalidJobException("A job needs a kind (EDIT or GENERATE)");
        }
        if (requester == null) {
            throw new InvalidJobException("A job needs the user who asked for it");
        }
        if (sampling == null) {
            throw new InvalidJobException("A job needs its sampling settings (seed, steps, guidance)");
        }
        if (delivery == null) {
            throw new InvalidJobException("A job needs a delivery target");
        }
    }

    /** The requester's user id (the queue's caps and the blob quota are theirs). */
    public String userId() {
        return requester.userId();
    }

    /** The requester's group, or null outside a group chat. */
    public String groupId() {
        return requester.groupId();
    }

    public JobSpec withJobId(String id) {
        return new JobSpec(id, conversationId, requester, delivery, recipe, sampling, format);
    }
}

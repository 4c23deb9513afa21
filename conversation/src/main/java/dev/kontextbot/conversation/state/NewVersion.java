package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.blob.BlobStore;

/**
 * A version to append. Blobs must already be stored in the same conversation's {@link BlobStore}.
 *
 * @param parentId the base version (null starts a new root)
 * @param latentBlob optional (null)
 * @param jobId    idempotency key: appending twice with the same job id returns the first version; null for none
 * @param family   the id of the model family that made it, or null when no model did (see {@link Version#family})
 */
public record NewVersion(String parentId, String instructionTyped, String instructionSent, long seed, int steps,
        double guidance, int width, int height, String imageBlob, String latentBlob, String author, String jobId,
        String family) {

    /** A version no model made (or made before families were recorded). */
    public NewVersion(String parentId, String instructionTyped, String instructionSent, long seed, int steps,
                      double guidance, int width, int height, String imageBlob, String latentBlob, String author,
                      String jobId) {
        this(parentId, instructionTyped, instructionSent, seed, steps, guidance, width, height, imageBlob, latentBlob,
                author, jobId, null);
    }

    public NewVersion {
        if (!BlobStore.isBlobId(imageBlob) || !imageBlob.startsWith("png-")) {
            throw new IllegalArgumentException("A version needs the id of a stored PNG");
        }
        if (latentBlob != null && (!BlobStore.isBlobId(latentBlob) || !latentBlob.startsWith("f16-"))) {
            throw new IllegalArgumentException("Latents must be the id of stored fp16 latents");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive");
        }
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("A version needs an author");
        }
        if (jobId != null && jobId.isBlank()) {
            throw new IllegalArgumentException("A job id cannot be blank");
        }
        if (family != null && !FAMILY_ID.matcher(family).matches()) {
            throw new IllegalArgumentException("A family id is a short lower-case word");
        }
        instructionTyped = instructionTyped == null ? "" : instructionTyped;
        instructionSent = instructionSent == null ? "" : instructionSent;
    }

    private static final java.util.regex.Pattern FAMILY_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,15}");

    /** A picture the user sent: a new root with no instruction. */
    public static NewVersion upload(String imageBlob, int width, int height, String author, String jobId) {
        return new NewVersion(null, "", "", 0, 0, 0, width, height, imageBlob, null, author, jobId);
    }
}

package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.blob.BlobStore;

/**
 * A version to append. Blobs must already be stored in the same conversation's {@link BlobStore}.
 *
 * @param parentId the base version (null starts a new root)
 * @param latentBlob optional (null)
 * @param jobId    idempotency key: appending twice with the same job id returns the first version; null for none
 */
public record NewVersion(String parentId, String instructionTyped, String instructionSent, long seed, int steps,
        double guidance, int width, int height, String imageBlob, String latentBlob, String author, String jobId) {

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
        instructionTyped = instructionTyped == null ? "" : instructionTyped;
        instructionSent = instructionSent == null ? "" : instructionSent;
    }

    /** A picture the user sent: a new root with no instruction. */
    public static NewVersion upload(String imageBlob, int width, int height, String author, String jobId) {
        return new NewVersion(null, "", "", 0, 0, 0, width, height, imageBlob, null, author, jobId);
    }
}

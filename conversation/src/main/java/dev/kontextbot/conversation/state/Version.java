package dev.kontextbot.conversation.state;

import java.time.Instant;

/**
 * One image in a conversation's edit tree.
 *
 * @param id              opaque id, unique to the conversation ({@code <tag>-<number>})
 * @param number          1, 2, 3... per conversation: what users call "v3"
 * @param parentId        the version it was edited from; null for a root (an upload, a generation, a reset)
 * @param instructionTyped what the user wrote
 * @param instructionSent  what the model was given (after the Kontext prompt rules)
 * @param latentBlob      cached latents of the image, or null
 * @param jobId           the job that made it, or null
 * @param family          the id of the model family that made it ("kontext", "klein"), or null for a picture no model
 *                        made (an upload, a re-anchor); its latents are that family's and no other's
 */
public record Version(String id, int number, String parentId, String instructionTyped, String instructionSent,
        long seed, int steps, double guidance, int width, int height, String imageBlob, String latentBlob,
        String author, Instant createdAt, String jobId, String family) {

    /** A version no model family is recorded for. */
    public Version(String id, int number, String parentId, String instructionTyped, String instructionSent,
                   long seed, int steps, double guidance, int width, int height, String imageBlob, String latentBlob,
                   String author, Instant createdAt, String jobId) {
        this(id, number, parentId, instructionTyped, instructionSent, seed, steps, guidance, width, height, imageBlob,
                latentBlob, author, createdAt, jobId, null);
    }

    /** Whether a model of {@code family} made this version (false for uploads and re-anchors). */
    public boolean madeBy(String family) {
        return family.equals(this.family);
    }

    public boolean isRoot() {
        return parentId == null;
    }

    /** "v3". */
    public String label() {
        return "v" + number;
    }
}

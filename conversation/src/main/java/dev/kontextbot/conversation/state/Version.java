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
 */
public record Version(String id, int number, String parentId, String instructionTyped, String instructionSent,
        long seed, int steps, double guidance, int width, int height, String imageBlob, String latentBlob,
        String author, Instant createdAt, String jobId) {

    public boolean isRoot() {
        return parentId == null;
    }

    /** "v3". */
    public String label() {
        return "v" + number;
    }
}

package dev.kontextbot.inference.image;

import java.awt.image.BufferedImage;

/**
 * A context image ready for the VAE encoder: upright RGB at exactly its bucket's size.
 *
 * @param image        TYPE_INT_RGB, {@code bucket.width() x bucket.height()}
 * @param bucket       the Kontext resolution chosen from the original size
 * @param sourceWidth  the decoded (upright) width before resizing
 * @param sourceHeight the decoded (upright) height before resizing
 */
public record ContextImage(BufferedImage image, Bucket bucket, int sourceWidth, int sourceHeight) {

    /** True when the source was resampled; false when it was already at its bucket size. */
    public boolean resized() {
        return sourceWidth != bucket.width() || sourceHeight != bucket.height();
    }
}

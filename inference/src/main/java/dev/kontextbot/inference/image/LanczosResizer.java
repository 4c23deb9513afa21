package dev.kontextbot.inference.image;

import com.twelvemonkeys.image.ResampleOp;

import java.awt.image.BufferedImage;

/**
 * Resizes with a Lanczos filter (TwelveMonkeys {@link ResampleOp#FILTER_LANCZOS}, radius 3, widened when
 * downscaling like PIL's {@code Image.LANCZOS}). A plain stretch to the target size, no crop, as the
 * reference does. Stateless and thread-safe.
 */
public final class LanczosResizer {

    /**
     * {@code src} resized to {@code width x height} as a TYPE_INT_RGB image; {@code src} itself, untouched,
     * when it is already that size (the reference does not resample an image at its bucket size).
     */
    public BufferedImage resize(BufferedImage src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        if (src.getWidth() == width && src.getHeight() == height) {
            return src;
        }
        BufferedImage rgb = RgbImages.toRgb(src);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        new ResampleOp(width, height, ResampleOp.FILTER_LANCZOS).filter(rgb, out);
        return out;
    }
}

package dev.kontextbot.inference.image;

/**
 * An image's size in pixels and the container format it was found in.
 *
 * @param width  width in pixels, as displayed (EXIF orientation applied)
 * @param height height in pixels, as displayed
 * @param format lower-case format name: "png", "jpeg", "gif", "bmp", "webp" or "tiff"
 */
public record ImageSize(int width, int height, String format) {

    /** Width times height. */
    public long pixels() {
        return (long) width * height;
    }
}

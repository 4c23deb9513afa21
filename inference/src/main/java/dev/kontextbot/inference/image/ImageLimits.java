package dev.kontextbot.inference.image;

/**
 * What {@link ImageDecoder} accepts before it decodes a single pixel: the file size and the pixel count
 * read from the header. They protect the worker from decompression bombs (a small PNG that claims
 * 30000x30000 would need 3.6 GB as RGB).
 *
 * @param maxBytes  largest accepted file, in bytes
 * @param maxPixels largest accepted width*height, as declared in the file header
 */
public record ImageLimits(long maxBytes, long maxPixels) {

    /** 50 MB: more than any platform lets a user upload. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    /** 40 megapixels: above common camera sensors, and 160 MB as an int RGB image. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /** The defaults above. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }
}

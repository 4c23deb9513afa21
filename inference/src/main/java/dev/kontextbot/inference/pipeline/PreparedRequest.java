package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * A request with its CPU work done (resize, pixel tensor, tokens, noise, schedule), ready for the device.
 * Produced by {@link KontextEngine#prepare}; opaque to callers apart from the output size. Single use.
 */
public final class PreparedRequest {

    /** The prompt and its token ids for both encoders. */
    record Tokens(String prompt, long[] clipIds, long[] t5Ids, boolean truncated) {
    }

    /**
     * The context: the image at its bucket size to encode, or normalised latents [1,16,h/8,w/8] supplied by the
     * caller.
     */
    record Context(Optional<BufferedImage> image, Optional<float[]> latents, int width, int height) {
    }

    final Tokens tokens;
    final Optional<Context> context;
    /** Further context pictures, each at its own bucket size, encoded and placed after the first. */
    final List<BufferedImage> references;
    final int width;
    final int height;
    /** Packed noise [1,N,64]; denoised in place by run. */
    final float[] x;
    final double[] sigmas;
    final double guidance;
    final long resizeNanos;
    final long tokenizeNanos;

    PreparedRequest(Tokens tokens, Optional<Context> context, List<BufferedImage> references, int width, int height,
                    float[] x, double[] sigmas, double guidance, long resizeNanos, long tokenizeNanos) {
        this.tokens = tokens;
        this.context = context;
        this.references = List.copyOf(references);
        this.width = width;
        this.height = height;
        this.x = x;
        this.sigmas = sigmas;
        this.guidance = guidance;
        this.resizeNanos = resizeNanos;
        this.tokenizeNanos = tokenizeNanos;
    }

    /** Output width in pixels. */
    public int width() {
        return width;
    }

    /** Output height in pixels. */
    public int height() {
        return height;
    }

    /** Denoising steps. */
    public int steps() {
        return sigmas.length - 1;
    }

    /** The prompt was cut to fit a text encoder. */
    public boolean promptTruncated() {
        return tokens.truncated();
    }
}

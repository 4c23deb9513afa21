package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * A request with its CPU work done (resize, pixel tensor, tokens, noise, schedule), ready for the device.
 * Produced by {@link KontextEngine#prepare}; opaque to callers apart from the output size. Single use.
 */
public final class PreparedRequest {

    /**
     * The prompt and what its family's text encoders take: Kontext the CLIP ids then the T5 ids, klein the Qwen3 ids
     * [512] then their attention mask [512].
     */
    record Tokens(String prompt, List<long[]> sequences, boolean truncated) {
    }

    /**
     * The context: the image at its prepared size to encode, or latents in the family's stored layout supplied by
     * the caller.
     */
    record Context(Optional<BufferedImage> image, Optional<float[]> latents, int width, int height) {

        /** {width, height}: the request's, else the context's (as the family sizes it), else 1024x1024. */
        static int[] outputSize(EditRequest request, Optional<int[]> context) {
            if (request.width().isPresent()) {
                return new int[] {request.width().get(), request.height().orElseThrow()};
            }
            return context.orElse(new int[] {KontextEngine.DEFAULT_SIDE, KontextEngine.DEFAULT_SIDE});
        }

        /** The context of a request with latents but no picture (empty without either), sized by the request. */
        static Optional<Context> fromLatentsAlone(EditRequest request, ModelFamily family)
                throws dev.kontextbot.inference.InferenceException {
            Optional<float[]> latents = request.contextLatents();
            if (latents.isEmpty()) {
                return Optional.empty();
            }
            if (request.width().isEmpty()) {
                throw RequestLimits.invalid(
                        "Context latents without a context image need the width and height they were made at.");
            }
            int cw = request.width().get();
            int ch = request.height().orElseThrow();
            LatentLayout.of(family, cw, ch).check(latents.get());
            return Optional.of(new Context(Optional.empty(), latents, cw, ch));
        }
    }

    final Tokens tokens;
    final Optional<Context> context;
    /** Further context pictures, each at its own bucket size, encoded and placed after the first. */
    final List<BufferedImage> references;
    final int width;
    final int height;
    /** The output tokens' noise (Kontext packed [1,N,64], klein [1,N,128]); copied and denoised by run. */
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

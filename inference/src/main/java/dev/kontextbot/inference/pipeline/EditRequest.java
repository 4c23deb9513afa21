package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One edit (with a context image or context latents) or one text-to-image generation (with neither).
 * Validated by the engine ({@link RequestLimits}): steps 1..100, guidance 0..20, width and height multiples of 16
 * in 256..2048 and given together.
 *
 * @param prompt         the instruction
 * @param contextImage   the picture to edit, decoded RGB
 * @param contextLatents normalised context latents [1,16,Hc/8,Wc/8] ({@code 0.3611*(mean-0.1159)}) that skip the
 *                       VAE encoder; Hc,Wc are the context image's bucket, or width/height when no image is given
 * @param seed           the noise seed
 * @param steps          denoising steps
 * @param guidance       the distilled guidance scale (raw, e.g. 2.5)
 * @param width          output width; default the context bucket, or 1024 without context
 * @param height         output height; as width
 * @param noise          initial noise [1,16,H/8,W/8] overriding the seed
 * @param references     further pictures (at most {@link #MAX_REFERENCES}) after the one being edited ("the jacket
 *                       from the second picture"): each is resized to its own bucket, VAE-encoded on its own and
 *                       placed past the others on the context plane ({@code ContextGroupIds})
 */
public record EditRequest(String prompt, Optional<BufferedImage> contextImage, Optional<float[]> contextLatents,
                          long seed, int steps, double guidance, Optional<Integer> width, Optional<Integer> height,
                          Optional<float[]> noise, List<BufferedImage> references) {

    public static final int DEFAULT_STEPS = 28;
    public static final double DEFAULT_GUIDANCE = 2.5;
    /** Up to four pictures in one edit: the one being edited and three more. */
    public static final int MAX_REFERENCES = 3;

    /** A request without further reference pictures. */
    public EditRequest(String prompt, Optional<BufferedImage> contextImage, Optional<float[]> contextLatents,
                       long seed, int steps, double guidance, Optional<Integer> width, Optional<Integer> height,
                       Optional<float[]> noise) {
        this(prompt, contextImage, contextLatents, seed, steps, guidance, width, height, noise, List.of());
    }

    public EditRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(contextImage, "contextImage");
        Objects.requireNonNull(contextLatents, "contextLatents");
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(noise, "noise");
        references = List.copyOf(references);
    }

    /** An edit of {@code image} with default steps and guidance. */
    public static EditRequest edit(String prompt, BufferedImage image, long seed) {
        return new EditRequest(prompt, Optional.of(image), Optional.empty(), seed, DEFAULT_STEPS, DEFAULT_GUIDANCE,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Text-to-image with default steps and guidance, 1024x1024. */
    public static EditRequest generate(String prompt, long seed) {
        return new EditRequest(prompt, Optional.empty(), Optional.empty(), seed, DEFAULT_STEPS, DEFAULT_GUIDANCE,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public EditRequest withSteps(int newSteps) {
        return new EditRequest(prompt, contextImage, contextLatents, seed, newSteps, guidance, width, height, noise,
                references);
    }

    public EditRequest withSize(int w, int h) {
        return new EditRequest(prompt, contextImage, contextLatents, seed, steps, guidance, Optional.of(w),
                Optional.of(h), noise, references);
    }

    public EditRequest withNoise(float[] newNoise) {
        return new EditRequest(prompt, contextImage, contextLatents, seed, steps, guidance, width, height,
                Optional.of(newNoise), references);
    }

    public EditRequest withContextLatents(float[] latents) {
        return new EditRequest(prompt, contextImage, Optional.of(latents), seed, steps, guidance, width, height,
                noise, references);
    }

    public EditRequest withGuidance(double g) {
        return new EditRequest(prompt, contextImage, contextLatents, seed, steps, g, width, height, noise,
                references);
    }

    /** The same request with further pictures after the one being edited, each its own context group. */
    public EditRequest withReferences(List<BufferedImage> pictures) {
        return new EditRequest(prompt, contextImage, contextLatents, seed, steps, guidance, width, height, noise,
                pictures);
    }
}

package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The layout of a family's stored latents for one picture size: [1, channels, height/f, width/f] float32, row-major
 * (Kontext [1,16,H/8,W/8], klein [1,128,H/16,W/16]). What {@link EditResult#latents()} and
 * {@link KontextEngine#encodeContext} give, and what a request's context latents and noise must be.
 *
 * @param family   the family whose latents these are
 * @param channels C
 * @param height   latent rows (pixel height / f)
 * @param width    latent columns (pixel width / f)
 */
public record LatentLayout(ModelFamily family, int channels, int height, int width) {

    /** The layout of {@code family}'s latents for a {@code pixelWidth} x {@code pixelHeight} picture. */
    public static LatentLayout of(ModelFamily family, int pixelWidth, int pixelHeight) {
        int f = family.latentFactor();
        return new LatentLayout(family, family.latentChannels(), pixelHeight / f, pixelWidth / f);
    }

    /** Floats in the layout. */
    public int count() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** The ONNX-style shape, e.g. {@code [1,128,64,64]}. */
    public String shape() {
        return "[1," + channels + "," + height + "," + width + "]";
    }

    /**
     * Refuses context latents of another size in plain words; when their size is another family's layout for the
     * same picture, says so (a version's latents are never fed to another family).
     */
    public void check(float[] latents) throws InferenceException {
        if (latents.length == count()) {
            return;
        }
        int pixelWidth = width * family.latentFactor();
        int pixelHeight = height * family.latentFactor();
        Optional<ModelFamily> other = Arrays.stream(ModelFamily.values()).filter(f -> f != family)
                .filter(f -> of(f, pixelWidth, pixelHeight).count() == latents.length).findFirst();
        String message = "The context latents have " + latents.length + " values; a " + pixelWidth + "x"
                + pixelHeight + " context needs " + shape() + " = " + count() + ".";
        if (other.isPresent()) {
            message += " They are " + other.get().displayName() + " latents, and this engine runs "
                    + family.displayName() + ": a version's latents are never fed to another family (send the "
                    + "picture itself instead).";
        }
        throw new InferenceException(InferenceException.Code.INVALID_REQUEST, message);
    }
}

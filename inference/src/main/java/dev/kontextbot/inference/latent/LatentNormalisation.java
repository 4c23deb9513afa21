package dev.kontextbot.inference.latent;

/**
 * The FLUX autoencoder's latent scaling (BFL {@code autoencoder.py}; kontext-pipeline.md §2):
 * encode {@code z = SCALING_FACTOR * (mean - SHIFT_FACTOR)}, decode {@code x = z / SCALING_FACTOR + SHIFT_FACTOR}.
 */
public final class LatentNormalisation {

    public static final float SCALING_FACTOR = 0.3611f;
    public static final float SHIFT_FACTOR = 0.1159f;
    /** Latent channels of the FLUX autoencoder. */
    public static final int LATENT_CHANNELS = 16;

    private LatentNormalisation() {
    }

    /** Turns a VAE encoder mean into model-space latents, in place. */
    public static void encodeInPlace(float[] mean) {
        for (int i = 0; i < mean.length; i++) {
            mean[i] = SCALING_FACTOR * (mean[i] - SHIFT_FACTOR);
        }
    }

    /** Turns model-space latents into VAE decoder input, in place. */
    public static void decodeInPlace(float[] z) {
        for (int i = 0; i < z.length; i++) {
            z[i] = z[i] / SCALING_FACTOR + SHIFT_FACTOR;
        }
    }

    /**
     * Model-space latents {@code [1,16,h,w]} from a VAE encoder output that is either {@code [1,16,h,w]}
     * (the mean) or {@code [1,32,h,w]} (mean then log-variance: the mean is the first 16 channels, as
     * BFL's {@code DiagonalGaussian(sample=False)} uses). Returns a new array; the input is untouched.
     */
    public static float[] encodeEncoderOutput(float[] encoderOutput, int h, int w) {
        int size = Math.multiplyExact(LATENT_CHANNELS, Math.multiplyExact(h, w));
        if (encoderOutput.length != size && encoderOutput.length != 2 * size) {
            throw new IllegalArgumentException("VAE encoder output has " + encoderOutput.length
                    + " floats; expected [1,16," + h + "," + w + "] or [1,32," + h + "," + w + "]");
        }
        float[] z = java.util.Arrays.copyOf(encoderOutput, size);
        encodeInPlace(z);
        return z;
    }
}

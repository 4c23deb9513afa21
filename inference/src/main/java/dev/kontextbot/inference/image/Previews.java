package dev.kontextbot.inference.image;

import java.awt.image.BufferedImage;

/**
 * Cheap progress previews: a small RGB picture straight from the 16-channel latents through a fixed
 * linear projection, no VAE. One pixel per latent (1/8 of the output size).
 *
 * <p>The projection is the FLUX latent-to-RGB approximation published in ComfyUI
 * ({@code comfy/latent_formats.py}, class {@code Flux}: {@code latent_rgb_factors} and
 * {@code latent_rgb_factors_bias}). It applies to model-space latents (after
 * {@code 0.3611*(m-0.1159)}), gives RGB in about [-1,1], mapped to bytes as {@code (v+1)/2*255} and clamped.
 * The sampler's current {@code x} early on is mostly noise; for a clearer preview, pass the predicted clean
 * latents {@code x - sigma*v}.
 */
public final class Previews {

    /** [channel][R,G,B]. */
    private static final float[][] LATENT_RGB_FACTORS = {
            {-0.0346f, 0.0244f, 0.0681f},
            {0.0034f, 0.0210f, 0.0687f},
            {0.0275f, -0.0668f, -0.0433f},
            {-0.0174f, 0.0160f, 0.0617f},
            {0.0859f, 0.0721f, 0.0329f},
            {0.0004f, 0.0383f, 0.0115f},
            {0.0405f, 0.0861f, 0.0915f},
            {-0.0236f, -0.0185f, -0.0259f},
            {-0.0245f, 0.0250f, 0.1180f},
            {0.1008f, 0.0755f, -0.0421f},
            {-0.0515f, 0.0201f, 0.0011f},
            {0.0428f, -0.0012f, -0.0036f},
            {0.0817f, 0.0765f, 0.0749f},
            {-0.1264f, -0.0522f, -0.1103f},
            {-0.0280f, -0.0881f, -0.0499f},
            {-0.1262f, -0.0982f, -0.0778f}};
    private static final float[] LATENT_RGB_BIAS = {-0.0329f, -0.0718f, -0.0851f};
    private static final int CHANNELS = 16;

    /**
     * A {@code latentW x latentH} preview of {@code [1,16,latentH,latentW]} latents.
     */
    public BufferedImage latentPreview(float[] latents, int latentH, int latentW) {
        int plane = Math.multiplyExact(latentH, latentW);
        if (latents.length != CHANNELS * plane) {
            throw new IllegalArgumentException("expected [1,16," + latentH + "," + latentW + "] = " + CHANNELS * plane
                    + " floats, got " + latents.length);
        }
        BufferedImage out = new BufferedImage(latentW, latentH, BufferedImage.TYPE_INT_RGB);
        int[] px = RgbImages.pixels(out);
        for (int i = 0; i < plane; i++) {
            float r = LATENT_RGB_BIAS[0];
            float g = LATENT_RGB_BIAS[1];
            float b = LATENT_RGB_BIAS[2];
            for (int c = 0, at = i; c < CHANNELS; c++, at += plane) {
                float v = latents[at];
                r += v * LATENT_RGB_FACTORS[c][0];
                g += v * LATENT_RGB_FACTORS[c][1];
                b += v * LATENT_RGB_FACTORS[c][2];
            }
            px[i] = toByte(r) << 16 | toByte(g) << 8 | toByte(b);
        }
        return out;
    }

    /**
     * The same preview read straight from packed tokens {@code [1,(latentH/2)(latentW/2),64]} starting at
     * float index {@code offset} (e.g. the sampler's {@code x}), without unpacking first.
     */
    public BufferedImage tokenPreview(float[] tokens, int offset, int latentH, int latentW) {
        if ((latentH & 1) != 0 || (latentW & 1) != 0) {
            throw new IllegalArgumentException("latent sides must be even, got " + latentH + "x" + latentW);
        }
        int size = Math.multiplyExact(CHANNELS, Math.multiplyExact(latentH, latentW));
        if (offset < 0 || offset + size > tokens.length) {
            throw new IllegalArgumentException("tokens too short for [1,16," + latentH + "," + latentW + "]");
        }
        BufferedImage out = new BufferedImage(latentW, latentH, BufferedImage.TYPE_INT_RGB);
        int[] px = RgbImages.pixels(out);
        int features = 4 * CHANNELS;
        for (int y = 0; y < latentH; y++) {
            for (int x = 0; x < latentW; x++) {
                int base = offset + ((y >> 1) * (latentW >> 1) + (x >> 1)) * features + (y & 1) * 2 + (x & 1);
                float r = LATENT_RGB_BIAS[0];
                float g = LATENT_RGB_BIAS[1];
                float b = LATENT_RGB_BIAS[2];
                for (int c = 0; c < CHANNELS; c++) {
                    float v = tokens[base + 4 * c];
                    r += v * LATENT_RGB_FACTORS[c][0];
                    g += v * LATENT_RGB_FACTORS[c][1];
                    b += v * LATENT_RGB_FACTORS[c][2];
                }
                px[y * latentW + x] = toByte(r) << 16 | toByte(g) << 8 | toByte(b);
            }
        }
        return out;
    }

    private static int toByte(float v) {
        float u = (v + 1f) * 0.5f * 255f;
        return u <= 0f || Float.isNaN(u) ? 0 : u >= 255f ? 255 : Math.round(u);
    }
}

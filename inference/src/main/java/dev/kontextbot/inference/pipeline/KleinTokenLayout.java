package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.model.KleinPackage;

/** klein's latents as transformer tokens and back: one 128-feature token per latent pixel, no 2x2 packing. */
final class KleinTokenLayout {

    private static final int D = KleinPackage.TOKEN_DIM;

    private KleinTokenLayout() {
    }

    /** [1,128,h,w] to tokens [1,h*w,128] ({@code "c h w -> (h w) c"}). */
    static float[] toTokens(float[] latents, int h, int w) {
        int n = h * w;
        float[] tokens = new float[n * D];
        for (int c = 0; c < D; c++) {
            int plane = c * n;
            for (int i = 0; i < n; i++) {
                tokens[i * D + c] = latents[plane + i];
            }
        }
        return tokens;
    }

    /** Tokens [1,h*w,128] back to [1,128,h,w]. */
    static float[] toLatents(float[] tokens, int h, int w) {
        int n = h * w;
        float[] latents = new float[n * D];
        for (int i = 0; i < n; i++) {
            int base = i * D;
            for (int c = 0; c < D; c++) {
                latents[c * n + i] = tokens[base + c];
            }
        }
        return latents;
    }
}

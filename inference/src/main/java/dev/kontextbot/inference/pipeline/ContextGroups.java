package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.latent.ContextGroupIds;
import dev.kontextbot.inference.latent.LatentPacking;
import java.util.ArrayList;
import java.util.List;

/**
 * The context part of the transformer's input: one group of packed tokens per context picture, in order, and their
 * ids on plane 1 offset past each other ({@link ContextGroupIds}).
 */
final class ContextGroups {

    private final List<float[]> tokens = new ArrayList<>();
    private final List<int[]> grids = new ArrayList<>();

    /**
     * @param latents normalised latents [1,16,height/8,width/8] of one picture
     * @param height  the picture's height in pixels (its bucket)
     * @param width   the picture's width in pixels
     */
    void add(float[] latents, int height, int width) {
        int h = height / ContextEncoder.VAE_FACTOR;
        int w = width / ContextEncoder.VAE_FACTOR;
        // [1,16,h,w] -> [1,(h/2)*(w/2),64]
        tokens.add(LatentPacking.pack(latents, ContextEncoder.LATENT_CHANNELS, h, w));
        grids.add(new int[] {h / 2, w / 2});
    }

    /** All groups' tokens, concatenated: [1,sum(Nc_g),64]. */
    float[] tokens() {
        int total = 0;
        for (float[] t : tokens) {
            total += t.length;
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] t : tokens) {
            System.arraycopy(t, 0, all, at, t.length);
            at += t.length;
        }
        return all;
    }

    /** All groups' ids: [sum(Nc_g),3]. */
    float[] ids() {
        return ContextGroupIds.ids(grids);
    }
}

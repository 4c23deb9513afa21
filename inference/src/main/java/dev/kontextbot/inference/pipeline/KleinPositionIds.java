package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.model.KleinPackage;
import java.util.List;

/**
 * klein's 4-axis position ids (t, h, w, l) for the image tokens: the output at t = 0, the k-th context picture at
 * t = {@value #REF_T_SCALE} + {@value #REF_T_SCALE} * k, each grid row-major with l = 0.
 */
final class KleinPositionIds {

    private static final int AXES = KleinPackage.ID_AXES;
    /** The k-th picture's tokens have t = REF_T_SCALE + REF_T_SCALE * k ({@code encode_image_refs(scale=10)}). */
    static final int REF_T_SCALE = 10;

    private KleinPositionIds() {
    }

    /**
     * @param h     the output's latent rows
     * @param w     the output's latent columns
     * @param grids each context picture's {rows, columns} in latents, in order
     * @return the ids [(h*w + sum of the grids' tokens),4], as floats
     */
    static float[] of(int h, int w, List<int[]> grids) {
        int rows = h * w;
        for (int[] grid : grids) {
            rows += grid[0] * grid[1];
        }
        float[] ids = new float[rows * AXES];
        int row = putGrid(ids, 0, 0, h, w);
        for (int k = 0; k < grids.size(); k++) {
            row = putGrid(ids, row, REF_T_SCALE + REF_T_SCALE * k, grids.get(k)[0], grids.get(k)[1]);
        }
        return ids;
    }

    /** Rows (t, i, j, 0) for i < h, j < w, row-major, from {@code row}; returns the next row. */
    private static int putGrid(float[] ids, int row, int t, int h, int w) {
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int at = row++ * AXES;
                ids[at] = t;
                ids[at + 1] = i;
                ids[at + 2] = j;
            }
        }
        return row;
    }
}

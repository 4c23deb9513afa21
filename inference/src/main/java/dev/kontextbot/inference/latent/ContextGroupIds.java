package dev.kontextbot.inference.latent;

import java.util.List;

/**
 * Position ids for several context pictures, each VAE-encoded on its own: every group sits on plane 1 (the first
 * id axis, as for Kontext's one context picture), offset in height or width past the groups before it, so together
 * they behave like one stitched mosaic without a collage's resizing. This is ComfyUI's "offset" reference method
 * (its default for Kontext, {@code comfy/ldm/flux/model.py}) and stable-diffusion.cpp's (pull request 707): a group
 * goes to the right of the mosaic when that keeps it squarer, else below it. The first group has no offset, so one
 * picture gets exactly the reference ids. (ComfyUI's "index" method, a plane per picture, needs a model trained for
 * it; Kontext [dev] is not.)
 */
public final class ContextGroupIds {

    /** The first id axis of every context token. */
    public static final float CONTEXT_PLANE = 1f;

    /** One group's token grid (H/16 rows, W/16 columns) and where it was placed, in tokens. */
    public record Placement(int rows, int columns, int rowOffset, int columnOffset) {
    }

    private ContextGroupIds() {
    }

    /** Where each group goes: {@code grids} are {rows, columns} in tokens, in input order. */
    public static List<Placement> place(List<int[]> grids) {
        int h = 0;
        int w = 0;
        java.util.ArrayList<Placement> out = new java.util.ArrayList<>(grids.size());
        for (int[] g : grids) {
            int rows = g[0];
            int columns = g[1];
            int rowOffset = 0;
            int columnOffset = 0;
            // ComfyUI compares in latent pixels (twice the tokens); the comparison is the same in tokens.
            if (rows + h > columns + w) {
                columnOffset = w;
            } else {
                rowOffset = h;
            }
            h = Math.max(h, rows + rowOffset);
            w = Math.max(w, columns + columnOffset);
            out.add(new Placement(rows, columns, rowOffset, columnOffset));
        }
        return List.copyOf(out);
    }

    /** The ids of all groups, concatenated in order: [sum(rows*columns), 3]. */
    public static float[] ids(List<int[]> grids) {
        List<Placement> placements = place(grids);
        int total = 0;
        for (Placement p : placements) {
            total += p.rows() * p.columns();
        }
        float[] all = new float[total * 3];
        int at = 0;
        for (Placement p : placements) {
            float[] ids = LatentPacking.imageIds(p.rows(), p.columns(), CONTEXT_PLANE, p.rowOffset(),
                    p.columnOffset());
            System.arraycopy(ids, 0, all, at, ids.length);
            at += ids.length;
        }
        return all;
    }
}

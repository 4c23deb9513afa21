package dev.kontextbot.inference.region;

import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Keeps what an edit did not touch: Kontext regenerates the whole picture, so after a whole-picture edit the pixels
 * the instruction never named still move a little. This finds what changed (a difference map against the parent,
 * cleaned of specks and dilated so the edge of the change is included) and restores every other pixel from the
 * parent, bit for bit, with a feathered edge inside the changed area. The result has the parent's size.
 */
public final class UntouchedPixels {

    /** A pixel whose largest channel difference is past this (of 255) changed. */
    static final int CHANGE_THRESHOLD = 28;
    /** Specks smaller than this radius are noise, not the edit (opening radius, pixels). */
    static final int SPECK_RADIUS = 2;
    /** The changed area grows by this share of the picture's longer side, so its edge is kept whole. */
    static final double DILATION = 0.02;
    /** When more than this share of the picture changed, the edit was not local: it is kept as it is. */
    static final double WHOLE_SCENE_SHARE = 0.6;

    private final LanczosResizer resizer;

    public UntouchedPixels(LanczosResizer resizer) {
        this.resizer = resizer;
    }

    /** What came of restoring: the picture, and the share of it that the edit was allowed to change. */
    public record Kept(BufferedImage image, double changedShare) {
    }

    /**
     * {@code edited} with everything outside the change restored from {@code parent}; empty when the change is not
     * local (more than {@link #WHOLE_SCENE_SHARE} of the picture) or nothing changed.
     */
    public Optional<Kept> restore(BufferedImage parent, BufferedImage edited) {
        int w = parent.getWidth();
        int h = parent.getHeight();
        BufferedImage e = edited.getWidth() == w && edited.getHeight() == h ? edited : resizer.resize(edited, w, h);
        int[] a = parent.getRGB(0, 0, w, h, null, 0, w);
        int[] b = e.getRGB(0, 0, w, h, null, 0, w);
        boolean[] changed = new boolean[w * h];
        for (int i = 0; i < changed.length; i++) {
            int d = Math.max(Math.abs(((a[i] >> 16) & 0xFF) - ((b[i] >> 16) & 0xFF)),
                    Math.max(Math.abs(((a[i] >> 8) & 0xFF) - ((b[i] >> 8) & 0xFF)), Math.abs((a[i] & 0xFF) - (b[i] & 0xFF))));
            changed[i] = d > CHANGE_THRESHOLD;
        }
        // Opening removes specks; the dilation takes the edge of the change (and its shadow) in.
        changed = Morphology.dilate(Morphology.erode(changed, w, h, SPECK_RADIUS), w, h,
                SPECK_RADIUS + (int) Math.ceil(DILATION * Math.max(w, h)));
        int count = 0;
        for (boolean c : changed) {
            count += c ? 1 : 0;
        }
        double share = count / (double) changed.length;
        if (count == 0 || share > WHOLE_SCENE_SHARE) {
            return Optional.empty();
        }
        EditRegion region;
        try {
            region = EditRegion.ofFlags(changed, w, h);
        } catch (InvalidRegionException impossible) {
            return Optional.empty();
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float weight = region.weight(x, y);
                out[i] = weight == 0f ? a[i] | 0xFF000000 : RegionEdit.blend(a[i], b[i], weight);
            }
        }
        BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, w, h, out, 0, w);
        return Optional.of(new Kept(result, share));
    }
}

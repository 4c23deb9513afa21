package dev.kontextbot.inference.region;

import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.image.BufferedImage;

/**
 * A local edit: the region with a margin is cropped, scaled to about a megapixel (its Kontext bucket) and edited on
 * its own, then the result is scaled back and blended into the original with the region's feathered
 * weights. The result has the original's size, and every pixel outside the region is the original's, bit for bit.
 */
public final class RegionEdit {

    /** Context kept around the region so the model sees what surrounds it: a quarter of its longer side, at least this. */
    static final int MIN_MARGIN = 16;

    private final EditRegion region;
    private final Box crop;
    private final LanczosResizer resizer;

    public RegionEdit(EditRegion region, LanczosResizer resizer) {
        this.region = region;
        this.resizer = resizer;
        Box b = region.bounds();
        int margin = Math.max(MIN_MARGIN, Math.max(b.width(), b.height()) / 4);
        this.crop = b.grownWithin(margin, region.width(), region.height());
    }

    /** The part of the picture that is edited: the region's bounds plus the margin, clipped to the picture. */
    public Box crop() {
        return crop;
    }

    /**
     * The crop of {@code original} to hand to the engine as the context, scaled with Lanczos to the bucket of its
     * aspect (a copy, TYPE_INT_RGB). Kontext would scale it there itself (so its result is the same); a family that
     * edits a picture at its own size (klein) would otherwise edit a 48x32 crop at 48x32, or refuse it as smaller
     * than its 64-pixel minimum.
     */
    public BufferedImage context(BufferedImage original) {
        BufferedImage cropped = crop(original);
        Bucket bucket = Buckets.choose(cropped.getWidth(), cropped.getHeight());
        return bucket.width() == cropped.getWidth() && bucket.height() == cropped.getHeight() ? cropped
                : resizer.resize(cropped, bucket.width(), bucket.height());
    }

    private BufferedImage crop(BufferedImage original) {
        checkSize(original);
        BufferedImage out = new BufferedImage(crop.width(), crop.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[crop.width()];
        for (int y = 0; y < crop.height(); y++) {
            original.getRGB(crop.x(), crop.y() + y, crop.width(), 1, row, 0, crop.width());
            out.setRGB(0, y, crop.width(), 1, row, 0, crop.width());
        }
        return out;
    }

    /**
     * {@code original} with the edited crop blended in. {@code editedCrop} may have any size (the engine's output
     * bucket); it is scaled back to the crop's size first.
     */
    public BufferedImage compose(BufferedImage original, BufferedImage editedCrop) {
        checkSize(original);
        BufferedImage edited = editedCrop.getWidth() == crop.width() && editedCrop.getHeight() == crop.height()
                ? editedCrop : resizer.resize(editedCrop, crop.width(), crop.height());
        int w = original.getWidth();
        int h = original.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] editedRow = new int[crop.width()];
        for (int y = 0; y < h; y++) {
            original.getRGB(0, y, w, 1, row, 0, w);
            if (y >= crop.y() && y < crop.bottom()) {
                edited.getRGB(0, y - crop.y(), crop.width(), 1, editedRow, 0, crop.width());
                for (int x = crop.x(); x < crop.right(); x++) {
                    float a = region.weight(x, y);
                    if (a > 0f) {
                        row[x] = blend(row[x], editedRow[x - crop.x()], a);
                    }
                }
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** {@code original} and {@code edited} mixed by {@code a} in [0,1], per channel, rounded. */
    static int blend(int original, int edited, float a) {
        int r = mix((original >> 16) & 0xFF, (edited >> 16) & 0xFF, a);
        int g = mix((original >> 8) & 0xFF, (edited >> 8) & 0xFF, a);
        int b = mix(original & 0xFF, edited & 0xFF, a);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static int mix(int o, int e, float a) {
        return Math.round(o + (e - o) * a);
    }

    private void checkSize(BufferedImage original) {
        if (original.getWidth() != region.width() || original.getHeight() != region.height()) {
            throw new IllegalArgumentException("the region was made for a " + region.width() + "x" + region.height()
                    + " picture, not " + original.getWidth() + "x" + original.getHeight());
        }
    }
}

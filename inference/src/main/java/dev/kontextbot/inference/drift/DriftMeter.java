package dev.kontextbot.inference.drift;

import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.image.BufferedImage;

/**
 * Measures a version's drift against the root: the mean colour shift per channel and the loss of fine detail
 * (mean absolute 4-neighbour Laplacian of the luma, which blur lowers and sharpening raises), over the pixels no
 * instruction touched. A version of another size is compared at the root's size (Lanczos).
 */
public final class DriftMeter {

    private final LanczosResizer resizer;

    public DriftMeter(LanczosResizer resizer) {
        this.resizer = resizer;
    }

    /** Drift over the whole picture. */
    public Drift measure(BufferedImage root, BufferedImage version) {
        return measure(root, version, null);
    }

    /**
     * @param untouched row-major flags at the root's size, true where no instruction asked for a change; null for
     *                  every pixel
     */
    public Drift measure(BufferedImage root, BufferedImage version, boolean[] untouched) {
        int w = root.getWidth();
        int h = root.getHeight();
        BufferedImage v = sameSize(root, version);
        int[] a = root.getRGB(0, 0, w, h, null, 0, w);
        int[] b = v.getRGB(0, 0, w, h, null, 0, w);
        double[] meanA = ChannelStats.means(a, untouched);
        double[] meanB = ChannelStats.means(b, untouched);
        double detailA = laplacianEnergy(a, w, h, untouched);
        double detailB = laplacianEnergy(b, w, h, untouched);
        double loss = detailA == 0 ? 0 : 1 - detailB / detailA;
        return new Drift(meanB[0] - meanA[0], meanB[1] - meanA[1], meanB[2] - meanA[2], loss);
    }

    BufferedImage sameSize(BufferedImage root, BufferedImage version) {
        return version.getWidth() == root.getWidth() && version.getHeight() == root.getHeight()
                ? version : resizer.resize(version, root.getWidth(), root.getHeight());
    }

    private static double laplacianEnergy(int[] rgb, int w, int h, boolean[] mask) {
        double sum = 0;
        long count = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (mask != null && !mask[i]) {
                    continue;
                }
                double lap = 4 * luma(rgb[i]) - luma(rgb[i - 1]) - luma(rgb[i + 1]) - luma(rgb[i - w])
                        - luma(rgb[i + w]);
                sum += Math.abs(lap);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}

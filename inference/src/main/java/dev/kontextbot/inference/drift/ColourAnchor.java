package dev.kontextbot.inference.drift;

import java.awt.image.BufferedImage;

/**
 * "Re-anchor": brings a drifted version's colours back to the root's. Each channel gets the affine map that gives
 * it the root's mean and standard deviation over the pixels no instruction touched (Reinhard-style transfer, here
 * in RGB), and the map is applied to the whole picture, so an intended change keeps its contrast to the rest.
 */
public final class ColourAnchor {

    private final DriftMeter meter;

    public ColourAnchor(DriftMeter meter) {
        this.meter = meter;
    }

    /** The current version with the root's colours; it keeps the current version's size. */
    public BufferedImage reanchor(BufferedImage root, BufferedImage current) {
        return reanchor(root, current, null);
    }

    /**
     * @param untouched flags at the root's size, true where no instruction asked for a change; null for every pixel
     */
    public BufferedImage reanchor(BufferedImage root, BufferedImage current, boolean[] untouched) {
        int w = root.getWidth();
        int h = root.getHeight();
        int[] a = root.getRGB(0, 0, w, h, null, 0, w);
        int[] b = meter.sameSize(root, current).getRGB(0, 0, w, h, null, 0, w);
        double[][] target = ChannelStats.stats(a, untouched);
        double[][] source = ChannelStats.stats(b, untouched);
        double[] gain = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = source[1][c] < 1e-6 ? 1 : target[1][c] / source[1][c];
        }
        int cw = current.getWidth();
        int ch = current.getHeight();
        int[] pixels = current.getRGB(0, 0, cw, ch, null, 0, cw);
        for (int i = 0; i < pixels.length; i++) {
            int out = 0xFF000000;
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                double v = (((pixels[i] >> shift) & 0xFF) - source[0][c]) * gain[c] + target[0][c];
                out |= Math.clamp(Math.round(v), 0, 255) << shift;
            }
            pixels[i] = out;
        }
        BufferedImage result = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, cw, ch, pixels, 0, cw);
        return result;
    }
}

package dev.kontextbot.inference.drift;

/** Per-channel means and standard deviations of packed RGB pixels, over an optional mask. */
final class ChannelStats {

    private ChannelStats() {
    }

    /** {r, g, b} means. */
    static double[] means(int[] rgb, boolean[] mask) {
        return stats(rgb, mask)[0];
    }

    /** {{r, g, b} means, {r, g, b} standard deviations}. */
    static double[][] stats(int[] rgb, boolean[] mask) {
        double[] sum = new double[3];
        double[] sq = new double[3];
        long n = 0;
        for (int i = 0; i < rgb.length; i++) {
            if (mask != null && !mask[i]) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int v = (rgb[i] >> (16 - 8 * c)) & 0xFF;
                sum[c] += v;
                sq[c] += (double) v * v;
            }
            n++;
        }
        double[] mean = new double[3];
        double[] std = new double[3];
        if (n > 0) {
            for (int c = 0; c < 3; c++) {
                mean[c] = sum[c] / n;
                std[c] = Math.sqrt(Math.max(0, sq[c] / n - mean[c] * mean[c]));
            }
        }
        return new double[][] {mean, std};
    }
}

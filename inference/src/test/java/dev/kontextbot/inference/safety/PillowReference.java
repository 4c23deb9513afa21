package dev.kontextbot.inference.safety;

import java.awt.image.BufferedImage;

/**
 * The test's own reading of what transformers and Pillow do to a picture before an image classifier sees it,
 * written from the algorithms' descriptions and not sharing code with the production classes: Pillow's
 * {@code Image.resize} (Resample.c: double weights normalised, turned into 22-bit fixed point rounded half away from
 * zero, sums started at half and shifted back, clamped; horizontal pass first), transformers' size rules, centre crop
 * and normalisation. Deliberately plain: one channel plane at a time, one output sample at a time.
 */
final class PillowReference {

    private PillowReference() {
    }

    /** A plain RGB picture as three planes [c][y][x] of 0..255. */
    static int[][][] planes(BufferedImage rgb) {
        int[][][] p = new int[3][rgb.getHeight()][rgb.getWidth()];
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int v = rgb.getRGB(x, y);
                p[0][y][x] = v >> 16 & 0xFF;
                p[1][y][x] = v >> 8 & 0xFF;
                p[2][y][x] = v & 0xFF;
            }
        }
        return p;
    }

    /** {@code code}: 1 Lanczos, 2 bilinear, 3 bicubic. */
    static double filter(int code, double x) {
        double a = Math.abs(x);
        switch (code) {
            case 2:
                return a < 1 ? 1 - a : 0;
            case 3:
                // Keys' cubic, a = -0.5
                if (a < 1) {
                    return 1.5 * a * a * a - 2.5 * a * a + 1;
                }
                if (a < 2) {
                    return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
                }
                return 0;
            case 1:
                if (x < -3 || x >= 3) {
                    return 0;
                }
                return sinc(x) * sinc(x / 3);
            default:
                throw new IllegalArgumentException("filter " + code);
        }
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    static double support(int code) {
        return switch (code) {
            case 1 -> 3;
            case 2 -> 1;
            case 3 -> 2;
            default -> throw new IllegalArgumentException("filter " + code);
        };
    }

    /** One pass's weights: per output sample, its first source index and 22-bit fixed-point weights. */
    record Weights(int[] first, long[][] fixed) {
    }

    static Weights weights(int inSize, int outSize, int code) {
        double scale = (double) inSize / outSize;
        double fscale = scale < 1 ? 1 : scale;
        double support = support(code) * fscale;
        int[] first = new int[outSize];
        long[][] fixed = new long[outSize][];
        for (int i = 0; i < outSize; i++) {
            double centre = (i + 0.5) * scale;
            int lo = (int) (centre - support + 0.5);
            if (lo < 0) {
                lo = 0;
            }
            int hi = (int) (centre + support + 0.5);
            if (hi > inSize) {
                hi = inSize;
            }
            double[] w = new double[hi - lo];
            double total = 0;
            for (int x = lo; x < hi; x++) {
                w[x - lo] = filter(code, (x - centre + 0.5) * (1.0 / fscale));
                total += w[x - lo];
            }
            fixed[i] = new long[w.length];
            for (int t = 0; t < w.length; t++) {
                double normalised = total != 0 ? w[t] / total : w[t];
                fixed[i][t] = (long) (normalised * (1 << 22) + (normalised < 0 ? -0.5 : 0.5));
            }
            first[i] = lo;
        }
        return new Weights(first, fixed);
    }

    /** One line of samples resampled, as one pass of Pillow's resample: sums start at half, shifted back, clamped. */
    static int[] resampleLine(int[] in, Weights k) {
        int[] out = new int[k.first().length];
        for (int i = 0; i < out.length; i++) {
            long acc = 1L << 21;
            for (int t = 0; t < k.fixed()[i].length; t++) {
                acc += in[k.first()[i] + t] * k.fixed()[i][t];
            }
            out[i] = acc <= 0 ? 0 : (int) Math.min(acc >> 22, 255);
        }
        return out;
    }

    /** Pillow's resize of three planes: every row first (when the width changes), then every column. */
    static int[][][] resize(int[][][] planes, int outW, int outH, int code) {
        int inH = planes[0].length;
        int inW = planes[0][0].length;
        if (inW == outW && inH == outH) {
            return planes;
        }
        int[][][] out = new int[3][outH][outW];
        Weights across = weights(inW, outW, code);
        Weights down = weights(inH, outH, code);
        for (int c = 0; c < 3; c++) {
            int[][] rows = new int[inH][];
            for (int y = 0; y < inH; y++) {
                rows[y] = inW == outW ? planes[c][y].clone() : resampleLine(planes[c][y], across);
            }
            for (int x = 0; x < outW; x++) {
                int[] column = new int[inH];
                for (int y = 0; y < inH; y++) {
                    column[y] = rows[y][x];
                }
                int[] resampled = inH == outH ? column : resampleLine(column, down);
                for (int y = 0; y < outH; y++) {
                    out[c][y][x] = resampled[y];
                }
            }
        }
        return out;
    }

    /**
     * transformers' pipeline for one picture: resize ({@code shortestEdge > 0}: short side to it, long side
     * {@code int(s * long / short)}; else {@code w x h}), centre crop ({@code cropW > 0}), then
     * {@code (x * rescale - mean) / std}; the result [3, H, W] flattened.
     */
    static float[] pixelValues(BufferedImage rgb, int shortestEdge, int w, int h, int code, int cropW, int cropH,
                               double rescale, double[] mean, double[] std) {
        int[][][] p = planes(rgb);
        int inW = rgb.getWidth();
        int inH = rgb.getHeight();
        if (shortestEdge > 0) {
            int shortSide = Math.min(inW, inH);
            int longSide = Math.max(inW, inH);
            int newLong = (int) ((double) shortestEdge * longSide / shortSide);
            w = inW <= inH ? shortestEdge : newLong;
            h = inW <= inH ? newLong : shortestEdge;
        }
        int[][][] r = resize(p, w, h, code);
        int left = 0;
        int top = 0;
        if (cropW > 0) {
            top = (h - cropH) / 2;
            left = (w - cropW) / 2;
            w = cropW;
            h = cropH;
        }
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = (float) ((r[c][top + y][left + x] * rescale - mean[c]) / std[c]);
                }
            }
        }
        return out;
    }
}

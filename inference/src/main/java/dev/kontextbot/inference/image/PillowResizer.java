package dev.kontextbot.inference.image;

import java.awt.image.BufferedImage;

/**
 * Resizing as Pillow's {@code Image.resize(size, resample)} does it on an 8-bit RGB picture, to the bit, for each
 * of its filters: what Hugging Face image processors (transformers, with PIL) feed an image classifier.
 *
 * <p>Separable: the horizontal pass first, its result rounded and clamped to 8 bits, then the vertical pass. Output
 * pixel {@code i} is centred at {@code (i + 0.5) * scale} in the source; when shrinking, the kernel is widened by the
 * scale (so downscaling averages, i.e. antialiases); weights are normalised to sum 1 and then, as Pillow does,
 * turned into 22-bit fixed point and accumulated in integers with rounding. A pass whose size does not change is
 * skipped, and a picture already at the size is not resampled at all. Nearest neighbour follows Pillow's affine
 * scaling (source index {@code floor((i + 0.5) * scale)}, accumulated as Pillow accumulates it).
 *
 * <p>{@link LanczosResizer} (floating-point weights, which the editing pipeline's results depend on bit for bit)
 * is kept as it is; this class is for callers that must match Pillow exactly. Stateless and thread-safe.
 */
public final class PillowResizer {

    /** Pillow's {@code PRECISION_BITS}: 32 - 8 - 2, headroom for 8-bit samples times weights above 1. */
    static final int PRECISION_BITS = 22;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    /**
     * {@code src} (composited on white, as RGB) resized to {@code width x height} with {@code filter}, as a plain
     * TYPE_INT_RGB image; at its own size it is only converted, not resampled.
     */
    public BufferedImage resize(BufferedImage src, int width, int height, ResampleFilter filter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        BufferedImage rgb = RgbImages.toRgb(src);
        int inW = rgb.getWidth();
        int inH = rgb.getHeight();
        if (inW == width && inH == height) {
            return rgb;
        }
        int[] pixels = RgbImages.pixels(rgb);
        if (filter == ResampleFilter.NEAREST) {
            pixels = nearest(pixels, inW, inH, width, height);
        } else {
            if (width != inW) {
                pixels = horizontal(pixels, inW, inH, width, FixedKernel.of(inW, width, filter));
            }
            if (height != inH) {
                pixels = vertical(pixels, width, inH, height, FixedKernel.of(inH, height, filter));
            }
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(pixels, 0, RgbImages.pixels(out), 0, pixels.length);
        return out;
    }

    private static int[] horizontal(int[] src, int inW, int h, int outW, FixedKernel k) {
        int[] dst = new int[outW * h];
        for (int y = 0; y < h; y++) {
            int row = y * inW;
            for (int x = 0; x < outW; x++) {
                int r = HALF;
                int g = HALF;
                int b = HALF;
                int first = row + k.first[x];
                int base = x * k.taps;
                for (int t = 0; t < k.count[x]; t++) {
                    int p = src[first + t];
                    int w = k.weights[base + t];
                    r += (p >> 16 & 0xFF) * w;
                    g += (p >> 8 & 0xFF) * w;
                    b += (p & 0xFF) * w;
                }
                dst[y * outW + x] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
            }
        }
        return dst;
    }

    private static int[] vertical(int[] src, int w, int inH, int outH, FixedKernel k) {
        int[] dst = new int[w * outH];
        int[] r = new int[w];
        int[] g = new int[w];
        int[] b = new int[w];
        for (int y = 0; y < outH; y++) {
            java.util.Arrays.fill(r, HALF);
            java.util.Arrays.fill(g, HALF);
            java.util.Arrays.fill(b, HALF);
            int base = y * k.taps;
            for (int t = 0; t < k.count[y]; t++) {
                int wt = k.weights[base + t];
                int row = (k.first[y] + t) * w;
                for (int x = 0; x < w; x++) {
                    int p = src[row + x];
                    r[x] += (p >> 16 & 0xFF) * wt;
                    g[x] += (p >> 8 & 0xFF) * wt;
                    b[x] += (p & 0xFF) * wt;
                }
            }
            int out = y * w;
            for (int x = 0; x < w; x++) {
                dst[out + x] = clip8(r[x]) << 16 | clip8(g[x]) << 8 | clip8(b[x]);
            }
        }
        return dst;
    }

    private static int[] nearest(int[] src, int inW, int inH, int outW, int outH) {
        int[] columns = nearestIndices(inW, outW);
        int[] rows = nearestIndices(inH, outH);
        int[] dst = new int[outW * outH];
        for (int y = 0; y < outH; y++) {
            int row = rows[y] * inW;
            for (int x = 0; x < outW; x++) {
                dst[y * outW + x] = src[row + columns[x]];
            }
        }
        return dst;
    }

    /** Pillow's affine scaling: the coordinate starts at scale/2 and grows by the scale, truncated to an index. */
    private static int[] nearestIndices(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        int[] index = new int[outSize];
        double at = scale * 0.5;
        for (int i = 0; i < outSize; i++) {
            index[i] = Math.min((int) at, inSize - 1);
            at += scale;
        }
        return index;
    }

    /** Pillow's {@code clip8}: the fixed-point sum shifted back to 8 bits, clamped to 0..255. */
    private static int clip8(int sum) {
        if (sum >= 1 << PRECISION_BITS << 8) {
            return 255;
        }
        if (sum <= 0) {
            return 0;
        }
        return sum >> PRECISION_BITS;
    }

    /** Per output coordinate: the first source index, how many taps, and their weights in 22-bit fixed point. */
    record FixedKernel(int taps, int[] first, int[] count, int[] weights) {

        static FixedKernel of(int inSize, int outSize, ResampleFilter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            double inverse = 1.0 / filterScale;
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * taps];
            double[] w = new double[taps];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int n = Math.min((int) (center + support + 0.5), inSize) - min;
                double sum = 0.0;
                for (int t = 0; t < n; t++) {
                    w[t] = filter.weight((t + min - center + 0.5) * inverse);
                    sum += w[t];
                }
                for (int t = 0; t < n; t++) {
                    weights[i * taps + t] = toFixed(sum == 0.0 ? w[t] : w[t] / sum);
                }
                first[i] = min;
                count[i] = n;
            }
            return new FixedKernel(taps, first, count, weights);
        }

        /** Pillow rounds each normalised weight half away from zero into fixed point. */
        private static int toFixed(double weight) {
            double scaled = weight * (1 << PRECISION_BITS);
            return (int) (weight < 0 ? scaled - 0.5 : scaled + 0.5);
        }
    }
}

package dev.kontextbot.inference.image;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

/**
 * RGB images to and from the VAE's float tensors.
 *
 * <p>Both directions read or write the int pixel array of a TYPE_INT_RGB image directly, one pass, no
 * per-pixel objects. Stateless and thread-safe.
 */
public final class ImageTensors {

    /** {@code p/127.5 - 1} for every byte value, in float32 as the reference computes it. */
    private static final float[] NORMALISED = new float[256];

    static {
        for (int p = 0; p < 256; p++) {
            NORMALISED[p] = p / 127.5f - 1f;
        }
    }

    /**
     * The image as a {@code [1,3,H,W]} float32 tensor (planes R, G, B; row-major) with
     * {@code x = p/127.5 - 1}, so 0 maps to -1 and 255 to 1 (BFL {@code sampling.py}).
     *
     * @return {@code 3*H*W} floats
     */
    public float[] toNchw(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int plane = Math.multiplyExact(w, h);
        float[] out = new float[Math.multiplyExact(3, plane)];
        if (RgbImages.isPlainIntRgb(rgb)) {
            int[] px = RgbImages.pixels(rgb);
            for (int i = 0; i < plane; i++) {
                int p = px[i];
                out[i] = NORMALISED[p >> 16 & 0xFF];
                out[plane + i] = NORMALISED[p >> 8 & 0xFF];
                out[2 * plane + i] = NORMALISED[p & 0xFF];
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                rgb.getRGB(0, y, w, 1, row, 0, w);
                int base = y * w;
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    out[base + x] = NORMALISED[p >> 16 & 0xFF];
                    out[plane + base + x] = NORMALISED[p >> 8 & 0xFF];
                    out[2 * plane + base + x] = NORMALISED[p & 0xFF];
                }
            }
        }
        return out;
    }

    /**
     * Writes the same {@code [1,3,H,W]} values as {@link #toNchw(BufferedImage)} into {@code dest}, starting
     * at its position, without moving the position: lets a caller fill a reused direct buffer that an ONNX
     * tensor wraps, with no intermediate array.
     */
    public void toNchw(BufferedImage rgb, FloatBuffer dest) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int plane = Math.multiplyExact(w, h);
        int start = dest.position();
        if (dest.remaining() < 3L * plane) {
            throw new IllegalArgumentException("buffer has room for " + dest.remaining() + " floats, need " + 3L * plane);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            int base = start + y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                dest.put(base + x, NORMALISED[p >> 16 & 0xFF]);
                dest.put(plane + base + x, NORMALISED[p >> 8 & 0xFF]);
                dest.put(2 * plane + base + x, NORMALISED[p & 0xFF]);
            }
        }
    }

    /**
     * As {@link #fromNchw(float[], int, int)}, reading {@code 3*width*height} floats from {@code data}'s
     * position (the position is not moved), e.g. straight from an ONNX output buffer.
     */
    public BufferedImage fromNchw(FloatBuffer data, int width, int height) {
        int plane = Math.multiplyExact(width, height);
        int start = data.position();
        if (data.remaining() < 3L * plane) {
            throw new IllegalArgumentException("expected [1,3," + height + "," + width + "] = " + 3L * plane
                    + " floats, got " + data.remaining());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = RgbImages.pixels(out);
        for (int i = 0; i < plane; i++) {
            px[i] = toByte(data.get(start + i)) << 16 | toByte(data.get(start + plane + i)) << 8
                    | toByte(data.get(start + 2 * plane + i));
        }
        return out;
    }

    /**
     * A TYPE_INT_RGB image from a {@code [1,3,H,W]} tensor in about [-1,1]:
     * {@code round(clamp((x+1)/2, 0, 1) * 255)}, rounding half to even as numpy/diffusers do; NaN gives 0.
     *
     * @param data at least {@code 3*width*height} floats (extra trailing values are ignored)
     */
    public BufferedImage fromNchw(float[] data, int width, int height) {
        int plane = Math.multiplyExact(width, height);
        if (data.length < 3L * plane) {
            throw new IllegalArgumentException("expected [1,3," + height + "," + width + "] = " + 3L * plane
                    + " floats, got " + data.length);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = RgbImages.pixels(out);
        for (int i = 0; i < plane; i++) {
            px[i] = toByte(data[i]) << 16 | toByte(data[plane + i]) << 8 | toByte(data[2 * plane + i]);
        }
        return out;
    }

    private static int toByte(float x) {
        float v = (x + 1f) * 0.5f;
        if (!(v > 0f)) { // also NaN
            return 0;
        }
        if (v >= 1f) {
            return 255;
        }
        return (int) Math.rint(v * 255f);
    }
}

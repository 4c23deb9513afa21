package dev.kontextbot.inference.image;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

/**
 * RGB images to and from the VAE's float tensors.
 *
 * <p>Both directions read or write the int pixel array of a TYPE_INT_RGB image directly, one pass, no
 * per-pixel objects (about 3 ms of CPU each way at 1024x1024 on the build machine). Other image types are
 * first converted as {@link ImageDecoder} does. Stateless and thread-safe.
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
        // Other image types are converted first (grey as R=G=B, alpha on white), as the decoder does.
        int[] px = RgbImages.pixels(RgbImages.toRgb(rgb));
        int plane = Math.multiplyExact(rgb.getWidth(), rgb.getHeight());
        float[] out = new float[Math.multiplyExact(3, plane)];
        for (int i = 0; i < plane; i++) {
            int p = px[i];
            out[i] = NORMALISED[p >> 16 & 0xFF];
            out[plane + i] = NORMALISED[p >> 8 & 0xFF];
            out[2 * plane + i] = NORMALISED[p & 0xFF];
        }
        return out;
    }

    /**
     * Writes the same {@code [1,3,H,W]} values as {@link #toNchw(BufferedImage)} into {@code dest}, starting
     * at its position, without moving the position: lets a caller fill a reused direct buffer that an ONNX
     * tensor wraps, with no intermediate array.
     */
    public void toNchw(BufferedImage rgb, FloatBuffer dest) {
        int[] px = RgbImages.pixels(RgbImages.toRgb(rgb));
        int plane = Math.multiplyExact(rgb.getWidth(), rgb.getHeight());
        int start = dest.position();
        if (dest.remaining() < 3L * plane) {
            throw new IllegalArgumentException("buffer has room for " + dest.remaining() + " floats, need " + 3L * plane);
        }
        for (int i = 0; i < plane; i++) {
            int p = px[i];
            dest.put(start + i, NORMALISED[p >> 16 & 0xFF]);
            dest.put(start + plane + i, NORMALISED[p >> 8 & 0xFF]);
            dest.put(start + 2 * plane + i, NORMALISED[p & 0xFF]);
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

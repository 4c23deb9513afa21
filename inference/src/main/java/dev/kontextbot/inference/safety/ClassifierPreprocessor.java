package dev.kontextbot.inference.safety;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.PillowResizer;
import java.awt.image.BufferedImage;

/**
 * Prepares a picture as transformers' image processors do for the layout's {@link ClassifierConfig}: composited on
 * white as RGB, resized with Pillow's arithmetic ({@link PillowResizer}), centre-cropped, rescaled, then normalised
 * per channel as {@code (x - mean) / std}, channels first. Stateless and thread-safe.
 */
final class ClassifierPreprocessor {

    /**
     * One picture's {@code pixel_values}: [3, height, width] row-major, channels R, G, B.
     *
     * @param values the samples, {@code 3 * width * height} of them
     * @param width  the tensor's W
     * @param height the tensor's H
     */
    record PixelValues(float[] values, int width, int height) {
    }

    private final ClassifierConfig config;
    private final PillowResizer resizer = new PillowResizer();
    /** Per channel and 8-bit sample, the normalised value. */
    private final float[][] normalised;

    ClassifierPreprocessor(ClassifierConfig config) {
        this.config = config;
        this.normalised = normalised(config);
    }

    PixelValues prepare(BufferedImage picture) throws InferenceException {
        int[] size = config.resize().map(r -> r.target(picture.getWidth(), picture.getHeight()))
                .orElse(new int[] {picture.getWidth(), picture.getHeight()});
        // Also converts to plain RGB on white when the size is already right (no resampling then).
        BufferedImage resized = resizer.resize(picture, size[0], size[1], config.filter());
        int w = config.crop().map(ClassifierConfig.Crop::width).orElse(size[0]);
        int h = config.crop().map(ClassifierConfig.Crop::height).orElse(size[1]);
        if (w > size[0] || h > size[1]) {
            throw new InferenceException(InferenceException.Code.INVALID_IMAGE, "The picture (" + size[0] + "x"
                    + size[1] + ") is smaller than the safety classifier's crop (" + w + "x" + h + ").");
        }
        // transformers' center_crop: top = (height - crop_height) // 2, left = (width - crop_width) // 2
        int left = (size[0] - w) / 2;
        int top = (size[1] - h) / 2;
        int[] row = new int[w];
        float[] out = new float[3 * w * h];
        int plane = w * h;
        float[][] lut = normalised;
        for (int y = 0; y < h; y++) {
            resized.getRGB(left, top + y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                out[base + x] = lut[0][p >> 16 & 0xFF];
                out[plane + base + x] = lut[1][p >> 8 & 0xFF];
                out[2 * plane + base + x] = lut[2][p & 0xFF];
            }
        }
        return new PixelValues(out, w, h);
    }

    /** Per channel and 8-bit sample: {@code (sample * rescale - mean) / std}. */
    private static float[][] normalised(ClassifierConfig config) {
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = (float) ((v * config.rescale() - config.mean()[c]) / config.std()[c]);
            }
        }
        return lut;
    }
}

package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A photo-like test picture made in memory for benchmarks: smooth gradients, a few soft shapes and sensor-like
 * noise, so image codecs do realistic work (a flat or purely random image would be far faster or slower to
 * encode than a photo).
 */
public final class SyntheticPhoto {

    private SyntheticPhoto() {
    }

    /** A {@code width x height} TYPE_INT_RGB picture, the same for the same seed. */
    public static BufferedImage create(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed);
        double cx = width * (0.3 + 0.4 * random.nextDouble());
        double cy = height * (0.3 + 0.4 * random.nextDouble());
        double radius = Math.min(width, height) * 0.25;
        for (int y = 0; y < height; y++) {
            double sky = (double) y / height;
            for (int x = 0; x < width; x++) {
                double d = Math.hypot(x - cx, y - cy) / radius;
                double blob = Math.exp(-d * d);
                double wave = 0.5 + 0.5 * Math.sin(x * 0.02 + Math.cos(y * 0.015) * 3);
                double r = 40 + 150 * sky + 60 * blob + 20 * wave;
                double g = 80 + 90 * (1 - sky) + 40 * wave;
                double b = 160 - 80 * sky + 70 * blob;
                int n = (int) (random.nextGaussian() * 6);
                px[y * width + x] = (clamp(r + n) << 16) | (clamp(g + n) << 8) | clamp(b + n);
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}

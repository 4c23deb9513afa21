package dev.kontextbot.inference.image;

import java.util.List;

/**
 * The 17 preferred Kontext resolutions ({@code PREFERRED_KONTEXT_RESOLUTIONS} of BFL {@code util.py},
 * identical in diffusers and NVIDIA's demo) and BFL's rule for choosing one (kontext-pipeline.md §3.1).
 */
public final class Buckets {

    /** As (width, height), in the reference order. */
    public static final List<Bucket> PREFERRED = List.of(
            new Bucket(672, 1568), new Bucket(688, 1504), new Bucket(720, 1456), new Bucket(752, 1392),
            new Bucket(800, 1328), new Bucket(832, 1248), new Bucket(880, 1184), new Bucket(944, 1104),
            new Bucket(1024, 1024),
            new Bucket(1104, 944), new Bucket(1184, 880), new Bucket(1248, 832), new Bucket(1328, 800),
            new Bucket(1392, 752), new Bucket(1456, 720), new Bucket(1504, 688), new Bucket(1568, 672));

    private Buckets() {
    }

    /**
     * BFL's choice: {@code min over buckets of (|w/h - bw/bh|, bw, bh)} in double precision, with the raw
     * image size (not floored to 16 as diffusers does). The tuple minimum sends a distance tie to the
     * smaller width.
     *
     * @param width  image width in pixels (after EXIF orientation)
     * @param height image height in pixels
     */
    public static Bucket choose(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        double aspect = (double) width / height;
        Bucket best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Bucket b : PREFERRED) {
            double distance = Math.abs(aspect - (double) b.width() / b.height());
            if (distance < bestDistance
                    || distance == bestDistance && (b.width() < best.width()
                    || b.width() == best.width() && b.height() < best.height())) {
                best = b;
                bestDistance = distance;
            }
        }
        return best;
    }
}

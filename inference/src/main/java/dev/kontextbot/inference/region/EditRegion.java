package dev.kontextbot.inference.region;

import java.awt.image.BufferedImage;

/**
 * Where a local edit may change a picture: a weight per pixel, 0 outside (the original stays, bit for bit) and
 * rising to 1 within a feather's width inside the edge, so the edited part blends in without a seam while nothing
 * outside moves.
 */
public final class EditRegion {

    /** Feather width bounds in pixels; the width is an eighth of the region's shorter side within them. */
    static final int MIN_FEATHER = 1;
    static final int MAX_FEATHER = 24;
    private static final int WHITE_THRESHOLD = 128;

    private final int width;
    private final int height;
    /** Row-major weights [height][width] in [0,1]. */
    private final float[] weights;
    private final Box bounds;

    private EditRegion(int width, int height, float[] weights, Box bounds) {
        this.width = width;
        this.height = height;
        this.weights = weights;
        this.bounds = bounds;
    }

    /** A rectangle of a {@code width} x {@code height} picture; it must lie inside the picture. */
    public static EditRegion ofBox(Box box, int width, int height) throws InvalidRegionException {
        box.requireWithin(width, height);
        boolean[] inside = new boolean[width * height];
        for (int y = box.y(); y < box.bottom(); y++) {
            java.util.Arrays.fill(inside, y * width + box.x(), y * width + box.right(), true);
        }
        return of(inside, width, height);
    }

    /**
     * A mask picture of the same size: white (luminance at least 128) may change, black stays. Grey and colour
     * masks are read by their luminance.
     */
    public static EditRegion ofMask(BufferedImage mask, int width, int height) throws InvalidRegionException {
        if (mask.getWidth() != width || mask.getHeight() != height) {
            throw new InvalidRegionException("The mask is " + mask.getWidth() + "x" + mask.getHeight()
                    + " but the picture is " + width + "x" + height + "; draw the mask at the picture's size.");
        }
        boolean[] inside = new boolean[width * height];
        boolean any = false;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = mask.getRGB(x, y);
                // Rec. 601 luma in integers.
                int luma = (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
                // A transparent pixel of a mask with alpha counts as black.
                boolean opaque = !mask.getColorModel().hasAlpha() || (rgb >>> 24) >= WHITE_THRESHOLD;
                boolean white = opaque && luma >= WHITE_THRESHOLD;
                inside[y * width + x] = white;
                any |= white;
            }
        }
        if (!any) {
            throw new InvalidRegionException("The mask has no white pixels, so nothing may change; paint the part"
                    + " to edit white.");
        }
        return of(inside, width, height);
    }

    /** Flags at the picture's size, true where it may change; at least one must be set. */
    public static EditRegion ofFlags(boolean[] inside, int width, int height) throws InvalidRegionException {
        if (inside.length != width * height) {
            throw new IllegalArgumentException("flags for " + inside.length + " pixels, not " + width + "x" + height);
        }
        for (boolean b : inside) {
            if (b) {
                return of(inside, width, height);
            }
        }
        throw new InvalidRegionException("Nothing may change: the region is empty.");
    }

    private static EditRegion of(boolean[] inside, int width, int height) {
        int[] distance = ChessboardDistance.toOutside(inside, width, height);
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (inside[y * width + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        Box bounds = new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
        int feather = Math.clamp(Math.min(bounds.width(), bounds.height()) / 8, MIN_FEATHER, MAX_FEATHER);
        float[] weights = new float[width * height];
        for (int i = 0; i < weights.length; i++) {
            // distance is 1 on the region's edge pixels, so every pixel inside gets some of the edit.
            weights[i] = inside[i] ? Math.min(1f, distance[i] / (float) feather) : 0f;
        }
        return new EditRegion(width, height, weights, bounds);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The smallest box holding every pixel that may change. */
    public Box bounds() {
        return bounds;
    }

    /** The weight of pixel (x, y): 0 keeps the original, 1 takes the edit. */
    public float weight(int x, int y) {
        return weights[y * width + x];
    }
}

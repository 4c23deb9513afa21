package dev.kontextbot.inference.region;

import java.awt.image.BufferedImage;

/**
 * How many pixels (RGB, alpha ignored) differ between two pictures of the same size, inside and outside an area:
 * the check that a local edit changed its region and nothing else.
 *
 * @param inside  pixels inside the area that differ
 * @param outside pixels outside the area that differ
 */
public record PixelChanges(int inside, int outside) {

    /** Whether a pixel belongs to the area. */
    @FunctionalInterface
    public interface Area {
        boolean contains(int x, int y);
    }

    public static PixelChanges between(BufferedImage before, BufferedImage after, Area area) {
        if (before.getWidth() != after.getWidth() || before.getHeight() != after.getHeight()) {
            throw new IllegalArgumentException("the pictures differ in size: " + before.getWidth() + "x"
                    + before.getHeight() + " and " + after.getWidth() + "x" + after.getHeight());
        }
        int in = 0;
        int out = 0;
        for (int y = 0; y < before.getHeight(); y++) {
            for (int x = 0; x < before.getWidth(); x++) {
                if (((before.getRGB(x, y) ^ after.getRGB(x, y)) & 0xFFFFFF) != 0) {
                    if (area.contains(x, y)) {
                        in++;
                    } else {
                        out++;
                    }
                }
            }
        }
        return new PixelChanges(in, out);
    }

    /** The area of a box. */
    public static Area box(Box box) {
        return (x, y) -> x >= box.x() && x < box.right() && y >= box.y() && y < box.bottom();
    }
}

package dev.kontextbot.core.safety;

import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.image.BufferedImage;

/** The small copy of a refused upload the review list keeps: enough for an admin to see what it was. */
final class Thumbnail {

    /** Longest side, in pixels, of what the review page shows. */
    static final int SIDE = 192;

    private Thumbnail() {
    }

    static BufferedImage of(BufferedImage picture) {
        int longest = Math.max(picture.getWidth(), picture.getHeight());
        if (longest <= SIDE) {
            return picture;
        }
        double scale = (double) SIDE / longest;
        return new LanczosResizer().resize(picture, Math.max(1, (int) Math.round(picture.getWidth() * scale)),
                Math.max(1, (int) Math.round(picture.getHeight() * scale)));
    }
}

package dev.kontextbot.core.safety;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A blur nothing can be read through: down to a few pixels across, then back up smoothly. */
final class Blur {

    private static final int CELLS = 12;

    private Blur() {
    }

    static BufferedImage heavy(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int sw = Math.max(1, w * CELLS / Math.max(w, h));
        int sh = Math.max(1, h * CELLS / Math.max(w, h));
        BufferedImage small = draw(image, sw, sh);
        return draw(small, w, h);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

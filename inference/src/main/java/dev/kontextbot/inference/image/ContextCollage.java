package dev.kontextbot.inference.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Several pictures as one Kontext context: side by side, left to right, each scaled (Lanczos) to the smallest
 * height among them. FLUX.1 Kontext [dev] takes one context image, so multi-image requests (an album, a character
 * or style reference beside the picture to edit) are stitched this way.
 */
public final class ContextCollage {

    private final LanczosResizer resizer;

    public ContextCollage(LanczosResizer resizer) {
        this.resizer = resizer;
    }

    public BufferedImage sideBySide(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to combine");
        }
        if (images.size() == 1) {
            return images.getFirst();
        }
        int height = images.stream().mapToInt(BufferedImage::getHeight).min().orElseThrow();
        List<BufferedImage> scaled = new ArrayList<>(images.size());
        int width = 0;
        for (BufferedImage image : images) {
            int w = Math.max(1, Math.round(image.getWidth() * (float) height / image.getHeight()));
            scaled.add(image.getHeight() == height ? image : resizer.resize(image, w, height));
            width += scaled.getLast().getWidth();
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            int x = 0;
            for (BufferedImage image : scaled) {
                g.drawImage(image, x, 0, null);
                x += image.getWidth();
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}

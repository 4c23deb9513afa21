package dev.kontextbot.inference.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Several pictures as one Kontext context: side by side, left to right, each scaled (Lanczos) to the smallest
 * height among them. FLUX.1 Kontext [dev] takes one context image, so multi-image requests (an album, a character
 * or style reference beside the picture to edit) are stitched this way. The collage is at most
 * {@link #MAX_PIXELS} (the height shrinks until it fits): ten 40 MP pictures side by side would otherwise make one
 * picture of 400 MP (1.6 GB decoded) that the pipeline then shrinks to a bucket of about one megapixel anyway.
 */
public final class ContextCollage {

    /** 4 MP: four times the largest Kontext bucket (about 1 MP), so a later crop or zoom keeps its detail. */
    public static final long MAX_PIXELS = 4L * 1024 * 1024;

    private final LanczosResizer resizer;
    private final long maxPixels;

    public ContextCollage(LanczosResizer resizer) {
        this(resizer, MAX_PIXELS);
    }

    public ContextCollage(LanczosResizer resizer, long maxPixels) {
        this.resizer = resizer;
        this.maxPixels = maxPixels;
    }

    public BufferedImage sideBySide(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to combine");
        }
        if (images.size() == 1) {
            return images.getFirst();
        }
        // At height h the collage is h * sum(w_i / h_i) wide: the largest h within maxPixels, never upscaling.
        double widthPerHeight = images.stream().mapToDouble(i -> (double) i.getWidth() / i.getHeight()).sum();
        int fitting = (int) Math.floor(Math.sqrt(maxPixels / widthPerHeight));
        int height = Math.max(1, Math.min(fitting,
                images.stream().mapToInt(BufferedImage::getHeight).min().orElseThrow()));
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

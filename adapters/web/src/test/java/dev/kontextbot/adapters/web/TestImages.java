package dev.kontextbot.adapters.web;

import dev.kontextbot.core.testing.TestPictures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small, recognisable pictures for uploads: a sky-to-sand gradient with a red sun. */
final class TestImages {
    private TestImages() {
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < height; y++) {
            float t = y / (float) Math.max(1, height - 1);
            g.setColor(new Color(0.35f + 0.6f * t, 0.6f + 0.3f * t, 0.95f - 0.45f * t));
            g.drawLine(0, y, width, y);
        }
        g.setColor(new Color(220, 60, 40));
        int r = Math.min(width, height) / 5;
        g.fillOval(width / 2 - r, height / 3 - r, 2 * r, 2 * r);
        g.dispose();
        return TestPictures.encode(image);
    }

    static Path pngFile(Path dir, int width, int height) throws IOException {
        Path file = dir.resolve("sunset.png");
        Files.write(file, png(width, height));
        return file;
    }
}

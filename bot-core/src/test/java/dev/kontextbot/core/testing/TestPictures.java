package dev.kontextbot.core.testing;

import dev.kontextbot.core.chat.Attachment;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The tests' pictures, for every module above bot-core (inference's tests keep their own: that module may depend on no
 * other): a gradient, a sunset and a noise picture of any size, encoded as PNG or JPEG, and chat attachments that
 * carry given bytes.
 */
public final class TestPictures {

    private TestPictures() {
    }

    /** A gradient PNG of the given size (red across, green down). */
    public static byte[] png(int w, int h) {
        return encode(gradient(w, h, 0x40));
    }

    /** Red rising across, green rising down, a constant {@code blue}. */
    public static BufferedImage gradient(int w, int h, int blue) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | blue);
            }
        }
        return image;
    }

    /** A small, recognisable PNG: a sky-to-sand gradient with a red sun. */
    public static byte[] sunsetPng(int width, int height) {
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
        return encode(image);
    }

    /** {@link #sunsetPng} written to {@code dir/sunset.png}. */
    public static Path sunsetPngFile(Path dir, int width, int height) throws IOException {
        Path file = dir.resolve("sunset.png");
        Files.write(file, sunsetPng(width, height));
        return file;
    }

    /** Random pixels (the same every time): PNG cannot compress them, so the PNG is large and a JPEG much smaller. */
    public static byte[] noisyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image);
    }

    /** {@code image} as PNG bytes. */
    public static byte[] encode(BufferedImage image) {
        return encode(image, "png");
    }

    /** {@code image} in {@code format} ("png", "jpeg"). */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An uploaded PNG named {@code name} whose content is {@code bytes}, whatever they are. */
    public static Attachment attachment(String name, byte[] bytes) {
        return new Attachment() {
            @Override
            public String fileName() {
                return name;
            }

            @Override
            public String mimeType() {
                return "image/png";
            }

            @Override
            public long sizeBytes() {
                return bytes.length;
            }

            @Override
            public byte[] fetch(long maxBytes) {
                return bytes;
            }
        };
    }

    /** A 640x480 gradient uploaded as {@code photo.png}. */
    public static Attachment photo() {
        return attachment("photo.png", png(640, 480));
    }
}

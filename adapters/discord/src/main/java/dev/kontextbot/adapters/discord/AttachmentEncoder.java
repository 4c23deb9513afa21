package dev.kontextbot.adapters.discord;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Fits a result under the upload limit: the lossless PNG when it fits, else a high-quality JPEG (quality 0.92, then
 * lower), and only as a last resort a downscaled JPEG. Discord answers 413 above the limit, and a failed upload
 * loses the result message, so the check happens before sending.
 */
public final class AttachmentEncoder {

    /** JPEG qualities tried in order; 0.92 is visually lossless for photos. */
    private static final float[] QUALITIES = {0.92f, 0.85f, 0.75f};
    private static final double DOWNSCALE = 0.75;

    private final long limitBytes;

    public AttachmentEncoder(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** An encoded picture: its bytes, a file name with the right extension, and whether it is the original. */
    public record Encoded(byte[] bytes, String fileName, String mimeType, boolean lossless) {
    }

    public long limitBytes() {
        return limitBytes;
    }

    public boolean fits(long sizeBytes) {
        return sizeBytes <= limitBytes;
    }

    /** @param baseName file name without extension, e.g. "kontext-v3" */
    public Encoded encode(byte[] png, String baseName) {
        if (fits(png.length)) {
            return new Encoded(png, baseName + ".png", "image/png", true);
        }
        BufferedImage image = read(png);
        BufferedImage rgb = opaque(image);
        while (true) {
            for (float quality : QUALITIES) {
                byte[] jpeg = jpeg(rgb, quality);
                if (fits(jpeg.length)) {
                    return new Encoded(jpeg, baseName + ".jpg", "image/jpeg", false);
                }
            }
            if (rgb.getWidth() < 64 || rgb.getHeight() < 64) {
                throw new IllegalStateException("cannot fit a " + image.getWidth() + "x" + image.getHeight()
                        + " picture under " + limitBytes + " bytes");
            }
            rgb = scaled(rgb, DOWNSCALE);
        }
    }

    private static BufferedImage read(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalArgumentException("not a picture ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable picture", e);
        }
    }

    /** JPEG has no alpha: draw on white, as a chat client shows transparent pixels on a light theme. */
    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static BufferedImage scaled(BufferedImage image, double factor) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage rgb, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

package dev.kontextbot.inference.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * inference's test pictures, made on the spot with ImageIO (and by hand where ImageIO has no writer). The modules
 * above use bot-core's {@code TestPictures}; inference may depend on no other module, so its tests keep this one.
 */
public final class TestImages {

    private TestImages() {
    }

    /** A photo-like {@code width x height} picture, the same every time. */
    public static BufferedImage photo(int width, int height) {
        return SyntheticPhoto.create(width, height, 3);
    }

    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** Quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. */
    static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean right = x >= w / 2;
                boolean bottom = y >= h / 2;
                img.setRGB(x, y, bottom ? (right ? 0xFFFFFF : 0x0000FF) : (right ? 0x00FF00 : 0xFF0000));
            }
        }
        return img;
    }

    static byte[] write(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + img);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] progressiveJpeg(BufferedImage img) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A CMYK JPEG: the JDK writer stores a 4-band raster as is, and an Adobe APP14 segment (transform 0)
     * inserted after SOI tells readers the four components are Adobe (inverted) CMYK.
     */
    static byte[] cmykJpeg(Raster cmyk) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(cmyk, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        byte[] plain = out.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        ByteArrayOutputStream withAdobe = new ByteArrayOutputStream();
        withAdobe.write(plain, 0, 2);
        withAdobe.writeBytes(adobe);
        withAdobe.write(plain, 2, plain.length - 2);
        return withAdobe.toByteArray();
    }

    /** A two-frame animated GIF. */
    static byte[] animatedGif(BufferedImage first, BufferedImage second) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : new BufferedImage[] {first, second}) {
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
                        null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", "10");
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation) after the JFIF APP0. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD0 at 8
        tiff.putShort((short) 1);                                              // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1)            // Orientation, SHORT, count 1
                .putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                                        // no next IFD
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(0xFF);
        segment.write(0xE1);
        segment.write(length >> 8);
        segment.write(length & 0xFF);
        segment.writeBytes(exif);
        segment.writeBytes(tiff.array());
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) { // skip APP0 (JFIF)
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.writeBytes(segment.toByteArray());
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** Rewrites a PNG's IHDR width and height (and its CRC): a header that lies about its size. */
    static byte[] pngClaiming(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.BIG_ENDIAN);
        // signature(8) + length(4) + "IHDR"(4): data starts at 16
        b.putInt(16, width);
        b.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 4 + 13);
        b.putInt(16 + 13, (int) crc.getValue());
        return copy;
    }

    /**
     * A lossless WebP (VP8L) of one colour, written by hand since ImageIO has no WebP writer: every prefix
     * code is a "simple" one-symbol code, so each pixel takes zero bits and the image is all header.
     */
    static byte[] solidWebp(int w, int h, int r, int g, int b) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);        // VP8L signature
        bits.write(w - 1, 14);
        bits.write(h - 1, 14);
        bits.write(0, 1);           // alpha_is_used
        bits.write(0, 3);           // version
        bits.write(0, 1);           // no transform
        bits.write(0, 1);           // no colour cache
        bits.write(0, 1);           // no meta prefix codes
        for (int symbol : new int[] {g, r, b, 255}) { // green, red, blue, alpha
            bits.write(1, 1);       // simple code
            bits.write(0, 1);       // one symbol
            bits.write(1, 1);       // 8-bit symbol
            bits.write(symbol, 8);
        }
        bits.write(1, 1);           // distance: simple code,
        bits.write(0, 1);           // one symbol,
        bits.write(0, 1);           // 1-bit symbol
        bits.write(0, 1);           // symbol 0
        // Trailing zero bytes: the decoder refills its bit buffer eight bytes at a time.
        byte[] vp8l = java.util.Arrays.copyOf(bits.toByteArray(), 32);
        int chunk = vp8l.length + (vp8l.length & 1);
        ByteBuffer file = ByteBuffer.allocate(12 + 8 + chunk).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + chunk)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(vp8l.length).put(vp8l);
        return file.array();
    }

    /** LSB-first bit packing, as VP8L reads its bitstream. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >> i) & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}

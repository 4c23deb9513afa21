package dev.kontextbot.inference.image;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.InferenceException.Code;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void pngWithAlphaIsCompositedOnWhite() throws Exception {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFFFF0000); // opaque red
        argb.setRGB(1, 0, 0x00000000); // fully transparent
        argb.setRGB(2, 0, 0x800000FF); // half-transparent blue
        BufferedImage rgb = decoder.decode(TestImages.write(argb, "png"));
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertRgbNear(rgb.getRGB(2, 0), 127, 127, 255, 1);
    }

    @Test
    void greyscalePngKeepsItsValues() throws Exception {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 10);
        BufferedImage rgb = decoder.decode(TestImages.write(grey, "png"));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x0A0A0A);
    }

    @Test
    void sixteenBitGreyAndRgbPngsAreScaledTo8Bits() throws Exception {
        BufferedImage grey16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 0x8080);
        assertThat(decoder.decode(TestImages.write(grey16, "png")).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080);

        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {0xFFFF, 0x8080, 0});
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);
        byte[] png = TestImages.write(rgb16, "png");
        assertThat(png[24]).as("bit depth in IHDR").isEqualTo((byte) 16);
        assertRgbNear(decoder.decode(png).getRGB(0, 0), 255, 128, 0, 1);
    }

    @Test
    void palettePngWithTransparentIndex() throws Exception {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, 0}, new byte[] {(byte) 200, 0},
                new byte[] {0, 0}, 1);
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 0, 0, 0);
        indexed.getRaster().setSample(1, 0, 0, 1);
        BufferedImage rgb = decoder.decode(TestImages.write(indexed, "png"));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x00C800);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void baselineAndProgressiveJpeg() throws Exception {
        BufferedImage src = TestImages.solid(32, 16, 0x3366CC);
        BufferedImage baseline = decoder.decode(TestImages.write(src, "jpeg"));
        assertThat(baseline.getWidth()).isEqualTo(32);
        assertThat(baseline.getHeight()).isEqualTo(16);
        assertRgbNear(baseline.getRGB(5, 5), 0x33, 0x66, 0xCC, 6);
        byte[] progressive = TestImages.progressiveJpeg(src);
        BufferedImage decoded = decoder.decode(progressive);
        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertRgbNear(decoded.getRGB(20, 10), 0x33, 0x66, 0xCC, 6);
    }

    @Test
    void cmykJpegDecodesToRgb() throws Exception {
        // Adobe CMYK JPEGs store inverted ink (255 = no ink). Left: no ink at all (white); right: full cyan.
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                cmyk.setPixel(x, y, x < 16 ? new int[] {255, 255, 255, 255} : new int[] {0, 255, 255, 255});
            }
        }
        byte[] jpeg = TestImages.cmykJpeg(cmyk);
        BufferedImage rgb = decoder.decode(jpeg);
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getWidth()).isEqualTo(32);
        int white = rgb.getRGB(4, 8);
        int cyan = rgb.getRGB(28, 8);
        assertRgbNear(white, 255, 255, 255, 12);
        assertThat(red(cyan)).as("cyan ink removes red").isLessThan(120);
        assertThat(blue(cyan)).as("cyan keeps blue").isGreaterThan(180);
    }

    @Test
    void gifFirstFrameIsUsed() throws Exception {
        byte[] gif = TestImages.animatedGif(TestImages.solid(8, 8, 0xFF0000), TestImages.solid(8, 8, 0x0000FF));
        BufferedImage rgb = decoder.decode(gif);
        assertThat(rgb.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void bmp() throws Exception {
        BufferedImage rgb = decoder.decode(TestImages.write(TestImages.quadrants(8, 6), "bmp"));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(rgb.getRGB(7, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void losslessWebp() throws Exception {
        BufferedImage rgb = decoder.decode(TestImages.solidWebp(5, 3, 10, 200, 30));
        assertThat(rgb.getWidth()).isEqualTo(5);
        assertThat(rgb.getHeight()).isEqualTo(3);
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(rgb.getRGB(4, 2) & 0xFFFFFF).isEqualTo(10 << 16 | 200 << 8 | 30);
    }

    @Test
    void exifOrientation6IsRotatedClockwise() throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.write(TestImages.quadrants(64, 32), "jpeg"), 6);
        BufferedImage upright = decoder.decode(jpeg);
        assertThat(upright.getWidth()).isEqualTo(32);
        assertThat(upright.getHeight()).isEqualTo(64);
        // Rotating 90 degrees clockwise: the top-left (red) goes top-right, bottom-left (blue) goes top-left.
        assertRgbNear(upright.getRGB(24, 8), 255, 0, 0, 40);
        assertRgbNear(upright.getRGB(8, 8), 0, 0, 255, 40);
        assertRgbNear(upright.getRGB(24, 56), 0, 255, 0, 40);
        assertRgbNear(upright.getRGB(8, 56), 255, 255, 255, 40);
        assertThat(decoder.probe(jpeg)).isEqualTo(new ImageSize(32, 64, "jpeg"));
    }

    @Test
    void everyOrientationMapsTheRedCornerWhereExifSays() {
        BufferedImage src = TestImages.quadrants(4, 2);
        // Where the source's top-left pixel (red) lands, per orientation, as {x, y} in the output.
        int[][] redCorner = {null, {0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage out = ExifOrientation.apply(src, o);
            assertThat(out.getWidth()).as("width for %d", o).isEqualTo(o >= 5 ? 2 : 4);
            assertThat(out.getRGB(redCorner[o][0], redCorner[o][1]) & 0xFFFFFF).as("orientation %d", o)
                    .isEqualTo(0xFF0000);
        }
    }

    @Test
    void probeReadsTheHeaderOnly() throws Exception {
        assertThat(decoder.probe(TestImages.write(TestImages.solid(40, 24, 0), "png")))
                .isEqualTo(new ImageSize(40, 24, "png"));
        byte[] bomb = TestImages.pngClaiming(TestImages.write(TestImages.solid(8, 8, 0), "png"), 30000, 30000);
        assertThat(decoder.probe(bomb).pixels()).isEqualTo(900_000_000L);
    }

    @Test
    void emptyFile() {
        assertRefused(() -> decoder.decode(new byte[0]), Code.INVALID_IMAGE, "empty");
    }

    @Test
    void truncatedPng() {
        byte[] png = TestImages.write(TestImages.quadrants(64, 64), "png");
        assertRefused(() -> decoder.decode(Arrays.copyOf(png, png.length / 2)), Code.INVALID_IMAGE, "damaged");
        assertRefused(() -> decoder.decode(Arrays.copyOf(png, 20)), Code.INVALID_IMAGE, "damaged");
    }

    @Test
    void textFileNamedPng() {
        byte[] text = "Hello, this is not a picture.\n".getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> decoder.decode(text), Code.UNSUPPORTED_FORMAT, "not an image we can read");
    }

    @Test
    void svg() {
        byte[] svg = ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<rect width=\"10\" height=\"10\"/></svg>").getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> decoder.decode(svg), Code.UNSUPPORTED_FORMAT, "SVG is not supported");
    }

    @Test
    void decompressionBombIsRefusedFromTheHeader() {
        byte[] bomb = TestImages.pngClaiming(TestImages.write(TestImages.solid(8, 8, 0), "png"), 30000, 30000);
        assertRefused(() -> decoder.decode(bomb), Code.IMAGE_TOO_LARGE, "30000x30000");
    }

    @Test
    void fileOverTheByteLimit() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1000, ImageLimits.DEFAULT_MAX_PIXELS));
        byte[] png = TestImages.write(TestImages.quadrants(200, 200), "bmp");
        assertRefused(() -> small.decode(png), Code.IMAGE_TOO_LARGE, "limit");
    }

    private static void assertRefused(ThrowingCallable call, Code code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InferenceException) e).code()).isEqualTo(code));
    }

    private static void assertRgbNear(int rgb, int r, int g, int b, int tolerance) {
        assertThat(red(rgb)).as("red of %06x", rgb & 0xFFFFFF).isBetween(r - tolerance, r + tolerance);
        assertThat(green(rgb)).as("green of %06x", rgb & 0xFFFFFF).isBetween(g - tolerance, g + tolerance);
        assertThat(blue(rgb)).as("blue of %06x", rgb & 0xFFFFFF).isBetween(b - tolerance, b + tolerance);
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}

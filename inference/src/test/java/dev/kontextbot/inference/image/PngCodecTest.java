package dev.kontextbot.inference.image;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PngCodecTest {

    private final PngCodec codec = new PngCodec();

    @Test
    void encodedPngDecodesToTheSamePixels() throws Exception {
        BufferedImage img = new BufferedImage(37, 21, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        byte[] png = codec.encodePng(img);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(37);
        assertThat(back.getHeight()).isEqualTo(21);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y) | 0xFF000000);
            }
        }
        assertThat(codec.probe(png)).isEqualTo(new ImageSize(37, 21, "png"));
    }

    @Test
    void largeImagesEncodedInParallelBandsDecodeExactly() throws Exception {
        // 600x500 is over the parallel threshold; rows differ per band so a misplaced band would show.
        BufferedImage img = new BufferedImage(600, 500, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(9);
        for (int y = 0; y < 500; y++) {
            for (int x = 0; x < 600; x++) {
                img.setRGB(x, y, y % 7 == 0 ? random.nextInt(0x1000000) : (x ^ y) << 8 | y & 0xFF);
            }
        }
        byte[] png = codec.encodePng(img);
        assertThat(codec.encodePng(img)).as("deterministic").isEqualTo(png);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 500; y++) {
            for (int x = 0; x < 600; x++) {
                assertThat(back.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(FastPngReader.decode(png, ImageLimits.defaults()).getRGB(599, 499)).isEqualTo(img.getRGB(599, 499));
        // more bands than rows: empty bands are empty sync-flushed blocks
        BufferedImage wide = TestImages.solid(40_000, 2, 0x123456);
        BufferedImage wideBack = ImageIO.read(new ByteArrayInputStream(codec.encodePng(wide)));
        assertThat(wideBack.getRGB(39_999, 1) & 0xFFFFFF).isEqualTo(0x123456);
    }

    @Test
    void noiseIsHuffmanCodedAndStillDecodesExactly() throws Exception {
        // Random pixels: LZ77 finds nothing, so the encoder takes the Huffman-only path for the whole image.
        BufferedImage noise = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        byte[] png = codec.encodePng(noise);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 512; y += 7) {
            for (int x = 0; x < 512; x += 5) {
                assertThat(back.getRGB(x, y) & 0xFFFFFF).isEqualTo(noise.getRGB(x, y) & 0xFFFFFF);
            }
        }
        // Huffman coding cannot shrink uniform random bytes much, but it never stores them at more than ~1.01x.
        assertThat(png.length).isLessThan(512 * 512 * 3 * 102 / 100);
    }

    @Test
    void alphaIsCompositedBeforeEncoding() throws Exception {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00123456);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(codec.encodePng(argb)));
        assertThat(back.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void flatImagesCompressWell() {
        byte[] png = codec.encodePng(TestImages.solid(1024, 1024, 0x808080));
        assertThat(png.length).isLessThan(20_000);
    }
}

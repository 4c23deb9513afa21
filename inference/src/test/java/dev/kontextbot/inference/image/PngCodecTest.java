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

package dev.kontextbot.inference.image;

import dev.kontextbot.inference.InferenceException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The direct PNG path against ImageIO's reader as the reference. */
class FastPngReaderTest {

    private static final ImageLimits LIMITS = ImageLimits.defaults();

    @Test
    void rgbWrittenByImageIoWithAllFilterTypesDecodesLikeImageIo() throws Exception {
        // ImageIO's writer picks the best of the five filters per row, so a mixed image exercises them all.
        BufferedImage src = mixedContent(97, 61, BufferedImage.TYPE_INT_RGB);
        byte[] png = TestImages.write(src, "png");
        BufferedImage fast = FastPngReader.decode(png, LIMITS);
        assertThat(fast).isNotNull();
        assertSamePixels(fast, ImageIO.read(new ByteArrayInputStream(png)), false);
    }

    @Test
    void rgbaIsCompositedOnWhiteLikeTheGenericPath() throws Exception {
        BufferedImage src = mixedContent(50, 40, BufferedImage.TYPE_INT_ARGB);
        byte[] png = TestImages.write(src, "png");
        BufferedImage fast = FastPngReader.decode(png, LIMITS);
        assertThat(fast).isNotNull();
        assertSamePixels(fast, RgbImages.toRgb(ImageIO.read(new ByteArrayInputStream(png))), false);
    }

    @Test
    void ourOwnEncoderRoundTrips() throws Exception {
        BufferedImage src = mixedContent(64, 48, BufferedImage.TYPE_INT_RGB);
        BufferedImage back = FastPngReader.decode(new PngCodec().encodePng(src), LIMITS);
        assertSamePixels(back, src, false);
    }

    @Test
    void otherKindsOfPngAreLeftToImageIo() throws Exception {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(FastPngReader.decode(TestImages.write(grey, "png"), LIMITS)).isNull();
    }

    @Test
    void damageIsATypedError() {
        byte[] png = new PngCodec().encodePng(mixedContent(64, 64, BufferedImage.TYPE_INT_RGB));
        assertThatThrownBy(() -> FastPngReader.decode(Arrays.copyOf(png, png.length - 20), LIMITS))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("damaged");
        byte[] flipped = png.clone();
        flipped[png.length / 2] ^= 0x55; // inside IDAT: the CRC no longer matches
        assertThatThrownBy(() -> FastPngReader.decode(flipped, LIMITS))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InferenceException) e).code())
                        .isEqualTo(InferenceException.Code.INVALID_IMAGE));
    }

    private static BufferedImage mixedContent(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random random = new Random(11);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int alpha = type == BufferedImage.TYPE_INT_ARGB ? (x * 255 / (w - 1)) : 255;
                int rgb = y < h / 3 ? random.nextInt(0x1000000)                  // noise
                        : y < 2 * h / 3 ? (x * 4 & 0xFF) << 16 | (y * 3 & 0xFF) << 8 // gradients
                        : (x / 8 % 2 == 0 ? 0x204060 : 0xF0E0D0);                // flat bands
                img.setRGB(x, y, alpha << 24 | rgb);
            }
        }
        return img;
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected, boolean withAlpha) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        int mask = withAlpha ? 0xFFFFFFFF : 0xFFFFFF;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertThat(actual.getRGB(x, y) & mask).as("pixel %d,%d", x, y).isEqualTo(expected.getRGB(x, y) & mask);
            }
        }
    }
}

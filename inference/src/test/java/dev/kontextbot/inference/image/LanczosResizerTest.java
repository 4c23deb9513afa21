package dev.kontextbot.inference.image;

import org.junit.jupiter.api.Test;

import com.twelvemonkeys.image.ResampleOp;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class LanczosResizerTest {

    private final LanczosResizer resizer = new LanczosResizer();

    @Test
    void imageAtItsSizeIsReturnedUntouched() {
        BufferedImage img = TestImages.quadrants(64, 32);
        assertThat(resizer.resize(img, 64, 32)).isSameAs(img);
    }

    @Test
    void resizesToTheExactTargetAndKeepsLayout() {
        BufferedImage img = TestImages.quadrants(1920, 1080);
        Bucket bucket = Buckets.choose(1920, 1080);
        BufferedImage out = resizer.resize(img, bucket.width(), bucket.height());
        assertThat(out.getWidth()).isEqualTo(1392);
        assertThat(out.getHeight()).isEqualTo(752);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getRGB(100, 100) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(1300, 100) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(out.getRGB(100, 700) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(1300, 700) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void upscalesToo() {
        BufferedImage out = resizer.resize(TestImages.solid(10, 10, 0x336699), 1024, 1024);
        assertThat(out.getWidth()).isEqualTo(1024);
        assertThat(out.getRGB(512, 512) & 0xFFFFFF).isEqualTo(0x336699);
    }

    @Test
    void agreesWithTwelveMonkeysLanczosOnASmoothImage() {
        // a 1920x1080 -> 1392x752 scale, on a 480x270 crop of it to keep the test quick
        BufferedImage src = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 270; y++) {
            for (int x = 0; x < 480; x++) {
                src.setRGB(x, y, (x * 255 / 479) << 16 | (y * 255 / 269) << 8 | ((x + y) / 3 & 0xFF));
            }
        }
        BufferedImage mine = resizer.resize(src, 348, 188);
        BufferedImage theirs = new ResampleOp(348, 188, ResampleOp.FILTER_LANCZOS).filter(src, null);
        for (int y = 8; y < 180; y += 3) {
            for (int x = 8; x < 340; x += 3) {
                int p = mine.getRGB(x, y);
                int q = theirs.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertThat(Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF))).as("at %d,%d", x, y)
                            .isLessThanOrEqualTo(2);
                }
            }
        }
    }

    @Test
    void downscalingIsAntialiased() {
        // one-pixel black and white stripes, halved: a widened kernel averages them to mid grey
        BufferedImage stripes = new BufferedImage(64, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 64; x += 2) {
                stripes.setRGB(x, y, 0xFFFFFF);
            }
        }
        BufferedImage half = resizer.resize(stripes, 32, 8);
        for (int x = 4; x < 28; x++) {
            assertThat(half.getRGB(x, 4) & 0xFF).isBetween(125, 130);
        }
    }

    @Test
    void kernelWeightsSumToOne() {
        LanczosResizer.Kernel k = LanczosResizer.Kernel.of(1920, 1392);
        for (int i = 0; i < 1392; i++) {
            double sum = 0;
            for (int t = 0; t < k.count()[i]; t++) {
                sum += k.weights()[i * k.taps() + t];
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
        assertThat(LanczosResizer.lanczos(0)).isEqualTo(1.0);
        assertThat(LanczosResizer.lanczos(1)).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(LanczosResizer.lanczos(3)).isZero();
    }
}

package dev.kontextbot.inference.image;

import org.junit.jupiter.api.Test;

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
}

package dev.kontextbot.inference.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class ContextImagesTest {

    private final ContextImages images = new ContextImages(new ImageDecoder(), new LanczosResizer());

    @Test
    void fullHdPhotoGoesToItsBucket() throws Exception {
        ContextImage ctx = images.prepare(TestImages.write(TestImages.quadrants(1920, 1080), "png"));
        assertThat(ctx.bucket()).isEqualTo(new Bucket(1392, 752));
        assertThat(ctx.image().getWidth()).isEqualTo(1392);
        assertThat(ctx.image().getHeight()).isEqualTo(752);
        assertThat(ctx.resized()).isTrue();
        assertThat(ctx.image().getRGB(1300, 700) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void imageAtItsBucketSizeIsNotResampled() {
        BufferedImage exact = TestImages.quadrants(1024, 1024);
        ContextImage ctx = images.prepare(exact);
        assertThat(ctx.resized()).isFalse();
        assertThat(ctx.image()).isSameAs(exact);
    }

    @Test
    void portraitExifPhotoUsesTheUprightSize() throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.write(TestImages.quadrants(1200, 800), "jpeg"), 6);
        ContextImage ctx = images.prepare(jpeg);
        assertThat(ctx.sourceWidth()).isEqualTo(800);
        assertThat(ctx.bucket()).isEqualTo(new Bucket(832, 1248));
    }
}

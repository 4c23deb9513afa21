package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.testing.TestPictures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class AttachmentEncoderTest {

    @Test
    void pngWhenItFits() throws Exception {
        byte[] png = TestPictures.noisyPng(64, 64);
        AttachmentEncoder.Encoded encoded = new AttachmentEncoder(1024 * 1024).encode(png, "kontext-v2");
        assertThat(encoded.bytes()).isSameAs(png);
        assertThat(encoded.fileName()).isEqualTo("kontext-v2.png");
        assertThat(encoded.lossless()).isTrue();
    }

    @Test
    void highQualityJpegWhenThePngIsOverTheLimit() throws Exception {
        byte[] png = TestPictures.noisyPng(256, 256);
        long limit = png.length * 3L / 4;
        AttachmentEncoder.Encoded encoded = new AttachmentEncoder(limit).encode(png, "kontext-v3");
        assertThat(encoded.fileName()).isEqualTo("kontext-v3.jpg");
        assertThat(encoded.mimeType()).isEqualTo("image/jpeg");
        assertThat(encoded.lossless()).isFalse();
        assertThat((long) encoded.bytes().length).isLessThanOrEqualTo(limit);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoded.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(256);
        assertThat(decoded.getHeight()).isEqualTo(256);
    }

    @Test
    void downscalesOnlyWhenNoQualityFits() throws Exception {
        byte[] png = TestPictures.noisyPng(256, 256);
        long limit = 20 * 1024;
        AttachmentEncoder.Encoded encoded = new AttachmentEncoder(limit).encode(png, "kontext-v4");
        assertThat((long) encoded.bytes().length).isLessThanOrEqualTo(limit);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoded.bytes()));
        assertThat(decoded.getWidth()).isLessThan(256);
        assertThat(decoded.getWidth()).isEqualTo(decoded.getHeight());
    }
}

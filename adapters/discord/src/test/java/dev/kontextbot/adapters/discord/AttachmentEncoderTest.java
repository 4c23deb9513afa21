package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class AttachmentEncoderTest {

    /** Random pixels: PNG cannot compress them, so the PNG is large and JPEG is much smaller. */
    static byte[] noisyPng(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void pngWhenItFits() throws Exception {
        byte[] png = noisyPng(64, 64);
        AttachmentEncoder.Encoded encoded = new AttachmentEncoder(1024 * 1024).encode(png, "kontext-v2");
        assertThat(encoded.bytes()).isSameAs(png);
        assertThat(encoded.fileName()).isEqualTo("kontext-v2.png");
        assertThat(encoded.lossless()).isTrue();
    }

    @Test
    void highQualityJpegWhenThePngIsOverTheLimit() throws Exception {
        byte[] png = noisyPng(256, 256);
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
        byte[] png = noisyPng(256, 256);
        long limit = 20 * 1024;
        AttachmentEncoder.Encoded encoded = new AttachmentEncoder(limit).encode(png, "kontext-v4");
        assertThat((long) encoded.bytes().length).isLessThanOrEqualTo(limit);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoded.bytes()));
        assertThat(decoded.getWidth()).isLessThan(256);
        assertThat(decoded.getWidth()).isEqualTo(decoded.getHeight());
    }
}

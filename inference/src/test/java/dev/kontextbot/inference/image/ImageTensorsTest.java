package dev.kontextbot.inference.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageTensorsTest {

    private final ImageTensors tensors = new ImageTensors();

    @Test
    void nchwLayoutAndNormalisation() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0080); // r=255 g=0 b=128
        img.setRGB(1, 0, 0x00FF00);
        float[] t = tensors.toNchw(img);
        // [1,3,1,2]: R plane, then G, then B
        assertThat(t).containsExactly(1f, -1f, -1f, 1f, 128 / 127.5f - 1f, -1f);
    }

    @Test
    void everyByteValueSurvivesTheRoundTrip() {
        BufferedImage img = new BufferedImage(256, 3, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 256; x++) {
            img.setRGB(x, 0, x << 16 | (255 - x) << 8 | (x * 7 & 0xFF));
            img.setRGB(x, 1, x);
            img.setRGB(x, 2, x << 8);
        }
        BufferedImage back = tensors.fromNchw(tensors.toNchw(img), 256, 3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 256; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
    }

    @Test
    void nonIntRgbImagesAreReadThroughGetRgb() {
        BufferedImage bgr = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(1, 1, 0x102030);
        float[] t = tensors.toNchw(bgr);
        assertThat(t[3]).isEqualTo(0x10 / 127.5f - 1f);
        assertThat(t[4 + 3]).isEqualTo(0x20 / 127.5f - 1f);
        assertThat(t[8 + 3]).isEqualTo(0x30 / 127.5f - 1f);
    }

    @Test
    void greyImagesKeepTheirRawValues() {
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 64);
        assertThat(tensors.toNchw(grey)).containsOnly(64 / 127.5f - 1f);
    }

    @Test
    void decodeClampsAndRounds() {
        // R plane: out of range both ways, NaN, and a value between two bytes
        float[] data = {-3f, 7f, Float.NaN, 0.0001f, 0, 0, 0, 0, 0, 0, 0, 0};
        BufferedImage img = tensors.fromNchw(data, 4, 1);
        assertThat(img.getRGB(0, 0) >> 16 & 0xFF).isEqualTo(0);
        assertThat(img.getRGB(1, 0) >> 16 & 0xFF).isEqualTo(255);
        assertThat(img.getRGB(2, 0) >> 16 & 0xFF).isEqualTo(0);
        // (0.0001+1)/2*255 = 127.51 -> 128; 0 -> 127.5 -> round half to even = 128
        assertThat(img.getRGB(3, 0) >> 16 & 0xFF).isEqualTo(128);
        assertThat(img.getRGB(3, 0) >> 8 & 0xFF).isEqualTo(128);
    }

    @Test
    void bufferVariantsMatchTheArrayOnes() {
        BufferedImage img = TestImages.quadrants(6, 4);
        float[] expected = tensors.toNchw(img);
        java.nio.FloatBuffer direct = java.nio.ByteBuffer.allocateDirect((expected.length + 2) * 4)
                .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        direct.position(2);
        tensors.toNchw(img, direct);
        assertThat(direct.position()).isEqualTo(2);
        float[] written = new float[expected.length];
        direct.get(written);
        assertThat(written).containsExactly(expected);
        direct.position(2);
        BufferedImage back = tensors.fromNchw(direct, 6, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
    }

    @Test
    void rejectsShortData() {
        assertThatThrownBy(() -> tensors.fromNchw(new float[5], 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.kontextbot.inference.image;

import dev.kontextbot.inference.latent.LatentPacking;
import dev.kontextbot.inference.latent.SeededNoise;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class PreviewsTest {

    private final Previews previews = new Previews();

    @Test
    void zeroLatentsShowTheBiasColour() {
        BufferedImage img = previews.latentPreview(new float[16 * 4 * 6], 4, 6);
        assertThat(img.getWidth()).isEqualTo(6);
        assertThat(img.getHeight()).isEqualTo(4);
        // bias (-0.0329, -0.0718, -0.0851) -> (v+1)/2*255 = 123.3, 118.3, 116.6
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(123 << 16 | 118 << 8 | 117);
    }

    @Test
    void channelTwelveIsBrightInAllThreeColours() {
        // Channel 12 has factors (0.0817, 0.0765, 0.0749): a strong positive value brightens the pixel.
        float[] latents = new float[16 * 2 * 2];
        latents[12 * 4] = 10f;
        BufferedImage img = previews.latentPreview(latents, 2, 2);
        int p = img.getRGB(0, 0);
        assertThat(p >> 16 & 0xFF).isGreaterThan(200);
        assertThat(p >> 8 & 0xFF).isGreaterThan(200);
        assertThat(p & 0xFF).isGreaterThan(200);
        assertThat(img.getRGB(1, 1) & 0xFFFFFF).isEqualTo(123 << 16 | 118 << 8 | 117);
    }

    @Test
    void tokenPreviewEqualsThePreviewOfTheUnpackedLatents() {
        int h = 6, w = 8;
        float[] latents = SeededNoise.gaussian(5, 16 * h * w);
        float[] tokens = LatentPacking.pack(latents, 16, h, w);
        BufferedImage direct = previews.latentPreview(latents, h, w);
        BufferedImage fromTokens = previews.tokenPreview(tokens, 0, h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(fromTokens.getRGB(x, y)).isEqualTo(direct.getRGB(x, y));
            }
        }
    }
}

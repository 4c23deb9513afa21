package dev.kontextbot.inference.latent;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatentPackingTest {

    /** §8 Example E: a 32x48 (WxH) image, latent [16,6,4], token grid h2=3, w2=2. */
    @Test
    void exampleE_packedIndexOfC5Y3X2IsToken3Feature22() {
        int c = 16, h = 6, w = 4;
        float[] latents = new float[c * h * w];
        int index = (5 * h + 3) * w + 2; // z[5][3][2]
        latents[index] = 42f;
        float[] tokens = LatentPacking.pack(latents, c, h, w);
        assertThat(tokens).hasSize(6 * 64);
        assertThat(tokens[3 * 64 + 22]).isEqualTo(42f);
        int nonZero = 0;
        for (float v : tokens) {
            if (v != 0f) {
                nonZero++;
            }
        }
        assertThat(nonZero).isEqualTo(1);
    }

    @Test
    void exampleE_idsRows() {
        float[] noise = LatentPacking.imageIds(3, 2, 0f);
        assertThat(noise).containsExactly(0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 2, 0, 0, 2, 1);
        float[] ctx = LatentPacking.imageIds(3, 2, 1f);
        assertThat(ctx).containsExactly(1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 2, 0, 1, 2, 1);
    }

    @Test
    void everyElementGoesWhereTheIndexFormulaSays() {
        int c = 3, h = 4, w = 6;
        float[] latents = new float[c * h * w];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = i;
        }
        float[] tokens = LatentPacking.pack(latents, c, h, w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int n = (y / 2) * (w / 2) + x / 2;
                    int f = ch * 4 + (y % 2) * 2 + x % 2;
                    assertThat(tokens[n * 4 * c + f]).isEqualTo((float) ((ch * h + y) * w + x));
                }
            }
        }
    }

    @Test
    void unpackInvertsPackOnRandomData() {
        Random random = new Random(7);
        int c = 16, h = 10, w = 14;
        float[] latents = new float[c * h * w];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian();
        }
        float[] tokens = LatentPacking.pack(latents, c, h, w);
        assertThat(tokens).isNotEqualTo(latents);
        assertThat(LatentPacking.unpack(tokens, c, h, w)).containsExactly(latents);
    }

    @Test
    void packIntoAndUnpackAtOffsetWorkInsideALargerBuffer() {
        int c = 16, h = 4, w = 4;
        float[] latents = new float[c * h * w];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = i + 1;
        }
        float[] hidden = new float[latents.length * 2];
        LatentPacking.packInto(latents, c, h, w, hidden, latents.length);
        assertThat(hidden[0]).isZero();
        assertThat(LatentPacking.unpack(hidden, latents.length, c, h, w)).containsExactly(latents);
    }

    @Test
    void rejectsOddOrMismatchedShapes() {
        assertThatThrownBy(() -> LatentPacking.pack(new float[16 * 3 * 4], 16, 3, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatentPacking.pack(new float[10], 16, 4, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.kontextbot.inference.latent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatentNormalisationTest {

    @Test
    void encodeAndDecodeFollowTheReference() {
        float[] v = {0.1159f, 1.1159f, -1f};
        LatentNormalisation.encodeInPlace(v);
        assertThat(v[0]).isCloseTo(0f, within(1e-7f));
        assertThat(v[1]).isCloseTo(0.3611f, within(1e-6f));
        assertThat(v[2]).isCloseTo(0.3611f * (-1.1159f), within(1e-6f));
        LatentNormalisation.decodeInPlace(v);
        assertThat(v).containsExactly(new float[] {0.1159f, 1.1159f, -1f}, within(1e-6f));
    }

    @Test
    void thirtyTwoChannelEncoderOutputUsesTheMean() {
        int h = 2, w = 2, plane = 16 * h * w;
        float[] moments = new float[2 * plane];
        for (int i = 0; i < plane; i++) {
            moments[i] = 1f;           // mean
            moments[plane + i] = 99f;  // log-variance, must be ignored
        }
        float[] z = LatentNormalisation.encodeEncoderOutput(moments, h, w);
        assertThat(z).hasSize(plane);
        for (float v : z) {
            assertThat(v).isCloseTo(0.3611f * (1f - 0.1159f), within(1e-6f));
        }
        assertThat(moments[0]).isEqualTo(1f);
    }
}

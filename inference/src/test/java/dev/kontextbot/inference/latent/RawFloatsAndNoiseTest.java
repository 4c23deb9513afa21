package dev.kontextbot.inference.latent;

import dev.kontextbot.inference.InferenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawFloatsAndNoiseTest {

    @TempDir
    Path dir;

    @Test
    void writesLittleEndianAndReadsBack() throws Exception {
        float[] values = SeededNoise.gaussian(1, 16 * 2 * 4);
        Path file = dir.resolve("noise.bin");
        RawFloats.write(file, values);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(values.length * 4);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(4)).isEqualTo(values[1]);
        assertThat(RawFloats.readLatents(file, 2, 4)).containsExactly(values);
    }

    @Test
    void wrongSizeIsAPlainError() throws Exception {
        Path file = dir.resolve("short.bin");
        RawFloats.write(file, new float[10]);
        assertThatThrownBy(() -> RawFloats.readLatents(file, 128, 128))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("[1,16,128,128]")
                .hasMessageContaining("40 bytes")
                .extracting(e -> ((InferenceException) e).code()).isEqualTo(InferenceException.Code.INVALID_REQUEST);
        assertThatThrownBy(() -> RawFloats.readLatents(dir.resolve("missing.bin"), 2, 2))
                .isInstanceOf(InferenceException.class).hasMessageContaining("does not exist");
    }

    @Test
    void noiseIsReproducibleAndSeedDependent() {
        assertThat(SeededNoise.gaussian(42, 1000)).containsExactly(SeededNoise.gaussian(42, 1000));
        assertThat(SeededNoise.gaussian(42, 1000)).isNotEqualTo(SeededNoise.gaussian(43, 1000));
    }

    @Test
    void noiseIsStandardNormal() {
        float[] n = SeededNoise.gaussian(2026, 100_000);
        double sum = 0, sumSq = 0;
        for (float v : n) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / n.length;
        double std = Math.sqrt(sumSq / n.length - mean * mean);
        assertThat(mean).isBetween(-0.02, 0.02);
        assertThat(std).isBetween(0.98, 1.02);
    }
}

package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine loads a sampling VAE encoder (16 channels, RandomNormalLike) deterministically: its context latents are
 * the same on every run and equal the mean that a 32-channel (moments) encoder with the same weights gives.
 */
@Tag("integration")
class SamplingEncoderEngineTest {

    @TempDir
    Path root;

    @Test
    void aSamplingEncoderGivesTheMeanEveryTime() throws Exception {
        Path moments = root.resolve("moments");
        Path sampling = root.resolve("sampling");
        new StandInPackageWriter().write(moments, 5);
        new StandInPackageWriter().write(sampling, 5);
        new StandInModels(5).writeSamplingVaeEncoder(sampling.resolve("vae_encoder.opt/model.onnx"));
        BufferedImage picture = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 1024; y++) {
            for (int x = 0; x < 1024; x++) {
                picture.setRGB(x, y, (x * 7 + y * 3) & 0xFFFFFF);
            }
        }

        float[] reference;
        try (KontextEngine engine = KontextEngine.open(EngineOptions.cpu(moments, root.resolve("cache")))) {
            reference = engine.encodeContext(picture);
        }
        try (KontextEngine engine = KontextEngine.open(EngineOptions.cpu(sampling, root.resolve("cache")))) {
            float[] first = engine.encodeContext(picture);
            float[] second = engine.encodeContext(picture);
            assertThat(first).hasSize(16 * 128 * 128).containsExactly(second).containsExactly(reference);
            assertThat(engine.sessionRuns(ModelInterface.VAE_ENCODER)).isEqualTo(2);
        }
    }
}

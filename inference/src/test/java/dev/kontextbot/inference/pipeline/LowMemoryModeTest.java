package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.model.ModelInterface;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KONTEXT_MEMORY=low: T5 is opened on a text-cache miss and closed after, the VAE runs with the arena-shrinkage run
 * option (on the CPU arena here); the pictures do not change.
 */
@Tag("integration")
class LowMemoryModeTest {

    @TempDir
    Path cache;

    private static EditRequest request(String prompt) {
        BufferedImage picture = SyntheticPhoto.create(256, 256, 3);
        return EditRequest.edit(prompt, picture, 7).withSteps(2).withSize(256, 256);
    }

    @Test
    void t5OpensOnlyOnCacheMissesAndTheResultIsTheSame() throws Exception {
        EditResult low;
        EditResult resident;
        try (KontextEngine engine = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache)
                .withMemory(MemoryMode.LOW))) {
            low = engine.run(request("make it red"), StepListener.NONE, () -> false);
            engine.run(request("make it blue"), StepListener.NONE, () -> false);
            engine.run(request("make it blue"), StepListener.NONE, () -> false); // a text-cache hit
            assertThat(engine.sessionRuns(ModelInterface.T5)).isEqualTo(2);
            assertThat(engine.sessionOpens(ModelInterface.T5)).isEqualTo(2);
            assertThat(engine.sessionOpens(ModelInterface.TRANSFORMER)).isEqualTo(1);
        }
        try (KontextEngine engine = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache)
                .withMemory(MemoryMode.RESIDENT))) {
            resident = engine.run(request("make it red"), StepListener.NONE, () -> false);
            engine.run(request("make it blue"), StepListener.NONE, () -> false);
            assertThat(engine.sessionOpens(ModelInterface.T5)).isEqualTo(1);
        }
        assertThat(low.latents()).containsExactly(resident.latents());
    }
}

package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.image.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output sizes with the public limits and the real bucket rule (one step each: the stand-in at full size). */
@Tag("integration")
class KontextEngineSizesTest {

    private static KontextEngine engine;

    @BeforeAll
    static void open(@TempDir Path cache) throws Exception {
        engine = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aFullHdPictureIsEditedAtItsBucket1392x752() throws Exception {
        EditResult r = engine.run(EditRequest.edit("add a rainbow", TestImages.photo(1920, 1080), 1).withSteps(1),
                StepListener.NONE, () -> false);
        assertThat(r.width()).isEqualTo(1392);
        assertThat(r.height()).isEqualTo(752);
        assertThat(r.image().getWidth()).isEqualTo(1392);
        assertThat(r.image().getHeight()).isEqualTo(752);
        assertThat(r.latents()).hasSize(16 * 94 * 174);
    }

    @Test
    void withoutAPictureItMakes1024x1024() throws Exception {
        EditResult r = engine.run(EditRequest.generate("a red car", 1).withSteps(1), StepListener.NONE, () -> false);
        assertThat(r.image().getWidth()).isEqualTo(1024);
        assertThat(r.image().getHeight()).isEqualTo(1024);
        assertThat(engine.model().standIn()).isTrue();
        assertThat(engine.model().device()).isEqualTo("cpu");
    }
}

package dev.kontextbot.inference.klein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.model.StandInKleinWriter;
import dev.kontextbot.inference.model.StandInPackageWriter;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.pipeline.EditResult;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.FamilyDetector;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.inference.pipeline.StepListener;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The klein engine on its stand-in against {@link KleinReference}, and its plain refusals. */
@Tag("integration")
class KleinEngineTest {

    @TempDir
    static Path root;
    static Path pkg;
    static KontextEngine engine;
    static KleinReference reference;

    @BeforeAll
    static void open() throws Exception {
        pkg = root.resolve("klein");
        new StandInKleinWriter().write(pkg, 7);
        engine = KontextEngine.open(EngineOptions.cpu(pkg, root.resolve("cache")));
        reference = new KleinReference(pkg);
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
        reference.close();
    }

    static BufferedImage picture(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom r = new SplittableRandom(seed);
        int base = r.nextInt(0xFFFFFF);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (base + x * 3 + y * 5 * 256 + r.nextInt(64)) & 0xFFFFFF);
            }
        }
        return image;
    }

    static float[] noise(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] n = new float[count];
        for (int i = 0; i < n.length; i++) {
            // Box-Muller, so the noise is the test's own
            n[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return n;
    }

    @Test
    void theStandInIsToldKleinFromItsGraphsWithoutAConfig() throws Exception {
        assertThat(Files.exists(pkg.resolve("config.json"))).isFalse();
        assertThat(FamilyDetector.detect(pkg)).isEqualTo(ModelFamily.KLEIN);
        assertThat(engine.model().family()).isEqualTo(ModelFamily.KLEIN);
        assertThat(engine.model().label()).contains("stand-in").contains("FLUX.2 [klein] 4B");
    }

    @Test
    void onePictureAt1024MatchesTheReference() throws Exception {
        BufferedImage edited = picture(1024, 1024, 1);
        float[] n = noise(128 * 64 * 64, 11);
        long before = engine.sessionRuns(ModelInterface.TRANSFORMER);
        EditResult result = engine.run(new EditRequest("make it night", Optional.of(edited), Optional.empty(), 5,
                4, EditRequest.DEFAULT_GUIDANCE, Optional.empty(), Optional.empty(), Optional.of(n)),
                StepListener.NONE, () -> false);
        assertThat(engine.sessionRuns(ModelInterface.TRANSFORMER) - before).isEqualTo(4);
        assertThat(result.width()).isEqualTo(1024);
        KleinReference.Output ref = reference.run("make it night", List.of(edited), 1024, 1024, n, 4);
        assertMatches(result, ref);
    }

    @Test
    void a768x512EditWithA512ReferenceMatchesTheReference() throws Exception {
        BufferedImage edited = picture(768, 512, 2);
        BufferedImage second = picture(512, 512, 3);
        float[] n = noise(128 * 32 * 48, 12);
        EditResult result = engine.run(EditRequest.edit("put the hat from the second picture on him", edited, 1)
                .withSteps(4).withNoise(n).withReferences(List.of(second)), StepListener.NONE, () -> false);
        assertThat(result.width()).isEqualTo(768);
        assertThat(result.height()).isEqualTo(512);
        KleinReference.Output ref = reference.run("put the hat from the second picture on him",
                List.of(edited, second), 768, 512, n, 4);
        assertMatches(result, ref);
        // The reference picture changes the result (the stand-in's transformer mixes every token).
        EditResult alone = engine.run(EditRequest.edit("put the hat from the second picture on him", edited, 1)
                .withSteps(4).withNoise(n), StepListener.NONE, () -> false);
        assertThat(maxDiff(alone.latents(), result.latents())).isGreaterThan(1e-3);
    }

    @Test
    void storedLatentsContinueAnEditAsThePictureDoes() throws Exception {
        BufferedImage edited = picture(512, 384, 4);
        float[] stored = engine.encodeContext(edited);
        assertThat(stored).hasSize(engine.latentLayout(512, 384).count()).hasSize(128 * 24 * 32);
        float[] n = noise(128 * 24 * 32, 13);
        EditResult fromPicture = engine.run(EditRequest.edit("snow", edited, 1).withSteps(2).withNoise(n),
                StepListener.NONE, () -> false);
        EditResult fromLatents = engine.run(EditRequest.edit("snow", edited, 1).withSteps(2).withNoise(n)
                .withContextLatents(stored), StepListener.NONE, () -> false);
        assertThat(fromLatents.latents()).containsExactly(fromPicture.latents());
    }

    @Test
    void previewsComeFromTheTokensAndCancellationStopsBetweenSteps() throws Exception {
        BufferedImage edited = picture(256, 256, 6);
        List<dev.kontextbot.inference.pipeline.StepEvent> events = new java.util.ArrayList<>();
        engine.run(EditRequest.edit("rain", edited, 1).withSteps(4), events::add, () -> false);
        assertThat(events).extracting(dev.kontextbot.inference.pipeline.StepEvent::step).containsExactly(1, 2, 3, 4);
        BufferedImage preview = events.getLast().preview().orElseThrow();
        assertThat(preview.getWidth()).isEqualTo(16);
        long before = engine.sessionRuns(ModelInterface.TRANSFORMER);
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> engine.run(EditRequest.edit("rain again", edited, 1).withSteps(4),
                e -> steps.incrementAndGet(), () -> steps.get() >= 2))
                .isInstanceOf(InferenceException.class)
                .extracting(e -> ((InferenceException) e).code()).isEqualTo(InferenceException.Code.CANCELLED);
        assertThat(engine.sessionRuns(ModelInterface.TRANSFORMER) - before).isEqualTo(2);
    }

    @Test
    void theLowMemoryModeOpensTheTextEncoderOnEachCacheMissOnly() throws Exception {
        try (KontextEngine low = KontextEngine.open(EngineOptions.cpu(pkg, root.resolve("low"))
                .withMemory(dev.kontextbot.inference.model.MemoryMode.LOW))) {
            BufferedImage edited = picture(256, 256, 7);
            long opened = low.sessionOpens(ModelInterface.T5);
            low.run(EditRequest.edit("fog", edited, 1).withSteps(1), StepListener.NONE, () -> false);
            low.run(EditRequest.edit("fog", edited, 2).withSteps(1), StepListener.NONE, () -> false);
            low.run(EditRequest.edit("smoke", edited, 1).withSteps(1), StepListener.NONE, () -> false);
            // Two distinct prompts: opened again for the second miss only (the first reuses the load's session).
            assertThat(low.sessionOpens(ModelInterface.T5) - opened).isEqualTo(1);
            assertThat(low.sessionRuns(ModelInterface.T5)).isEqualTo(2);
            assertThat(low.sessionRuns(ModelInterface.CLIP)).isZero();
        }
    }

    @Test
    void refusalsArePlain() {
        BufferedImage edited = picture(512, 512, 5);
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", edited, 1).withGuidance(3.5)))
                .isInstanceOf(InferenceException.class).hasMessageContaining("takes no guidance");
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", edited, 1).withContextLatents(new float[10])))
                .hasMessageContaining("context latents have 10 values").hasMessageContaining("[1,128,32,32]");
        // Kontext's layout for the same picture: named as the other family's.
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", edited, 1)
                .withContextLatents(new float[16 * 64 * 64])))
                .hasMessageContaining("FLUX.1 Kontext [dev] latents").hasMessageContaining("never fed");
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", picture(600, 60, 1), 1)))
                .hasMessageContaining("at least 64");
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", picture(900, 100, 1), 1)))
                .hasMessageContaining("more than 8 times");
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", edited, 1).withNoise(new float[3])))
                .hasMessageContaining("[1,128,32,32]");
    }

    @Test
    void aPackageOfTheOtherFamilyOrOfNeitherIsRefusedInOneSentence() throws Exception {
        Path kontext = root.resolve("kontext");
        new StandInPackageWriter().write(kontext, 1);
        assertThat(FamilyDetector.detect(kontext)).isEqualTo(ModelFamily.KONTEXT);
        assertThatThrownBy(() -> KontextEngine.open(EngineOptions.cpu(kontext, root.resolve("c2"))
                .withFamily(Optional.of(ModelFamily.KLEIN))))
                .hasMessageContaining("KONTEXT_FAMILY is klein").hasMessageContaining("FLUX.1 Kontext [dev] package");
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> KontextEngine.open(EngineOptions.cpu(empty, root.resolve("c3"))))
                .hasMessageContaining("transformer.onnx").hasMessageContaining("transformer.opt/<precision>");
        Path partial = Files.createDirectories(root.resolve("partial"));
        Files.copy(pkg.resolve("transformer.onnx"), partial.resolve("transformer.onnx"));
        assertThatThrownBy(() -> KontextEngine.open(EngineOptions.cpu(partial, root.resolve("c4"))))
                .hasMessageContaining("text_encoder.onnx is missing");
    }

    private static void assertMatches(EditResult result, KleinReference.Output ref) {
        float[] a = result.latents();
        float[] b = ref.latents();
        assertThat(a).hasSameSizeAs(b);
        double scale = 0;
        for (float v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(maxDiff(a, b) / scale).isLessThanOrEqualTo(1e-4);
        BufferedImage image = result.image();
        int plane = result.width() * result.height();
        int worst = 0;
        for (int i = 0; i < plane; i++) {
            int p = image.getRGB(i % result.width(), i / result.width());
            worst = Math.max(worst, Math.abs((p >> 16 & 0xFF) - ref.rgb()[0][i]));
            worst = Math.max(worst, Math.abs((p >> 8 & 0xFF) - ref.rgb()[1][i]));
            worst = Math.max(worst, Math.abs((p & 0xFF) - ref.rgb()[2][i]));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}

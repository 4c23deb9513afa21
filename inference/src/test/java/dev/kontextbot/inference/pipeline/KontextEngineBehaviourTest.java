package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.image.TestImages;
import dev.kontextbot.inference.model.ModelInterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.InferenceException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress, previews, cancellation, truncation, context latents, the text cache and validation on the stand-in. */
@Tag("integration")
class KontextEngineBehaviourTest {

    private static KontextEngine small;
    private static final BufferedImage CONTEXT = TestImages.photo(64, 48);

    @BeforeAll
    static void open(@TempDir Path cache) throws Exception {
        small = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache),
                new RequestLimits(16, 2048, 100, 20), ContextSizing.OWN_SIZE);
    }

    @AfterAll
    static void close() {
        small.close();
    }

    private static EditRequest edit(String prompt, int steps) {
        return EditRequest.edit(prompt, CONTEXT, 11).withSteps(steps).withSize(48, 32);
    }

    @Test
    void oneEventPerStepWithAPreviewEveryFourStepsAndOnTheLast() throws Exception {
        List<StepEvent> events = new ArrayList<>();
        EditResult r = small.run(edit("add a hat", 9), events::add, () -> false);
        assertThat(events).extracting(StepEvent::step).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(events).allSatisfy(e -> assertThat(e.steps()).isEqualTo(9));
        assertThat(events).filteredOn(e -> e.preview().isPresent()).extracting(StepEvent::step)
                .containsExactly(4, 8, 9);
        // Previews are latent-sized: one pixel per latent (48x32 output -> 6x4).
        BufferedImage preview = events.get(3).preview().orElseThrow();
        assertThat(preview.getWidth()).isEqualTo(6);
        assertThat(preview.getHeight()).isEqualTo(4);
        assertThat(events.getLast().remaining()).isZero();
        assertThat(r.timings().steps()).isEqualTo(9);
    }

    @Test
    void cancellationStopsBetweenSteps() {
        AtomicInteger seen = new AtomicInteger();
        assertThatThrownBy(() -> small.run(edit("add a hat", 10), e -> seen.incrementAndGet(),
                () -> seen.get() >= 3))
                .isInstanceOf(InferenceException.class)
                .satisfies(e -> assertThat(((InferenceException) e).code()).isEqualTo(InferenceException.Code.CANCELLED))
                .hasMessageContaining("cancelled after 3 of 10 steps");
        assertThat(seen).hasValue(3);
    }

    @Test
    void aTooLongPromptRunsTruncatedAndSaysSo() throws Exception {
        String longPrompt = "make the red car shiny and the sky blue ".repeat(120);
        EditResult r = small.run(edit(longPrompt, 1), StepListener.NONE, () -> false);
        assertThat(r.promptTruncated()).isTrue();
        assertThat(small.run(edit("make the car red", 1), StepListener.NONE, () -> false).promptTruncated()).isFalse();
    }

    @Test
    void suppliedContextLatentsSkipTheEncoderAndGiveTheSameResult() throws Exception {
        long before = small.sessionRuns(ModelInterface.VAE_ENCODER);
        EditResult encoded = small.run(edit("make it night", 3), StepListener.NONE, () -> false);
        assertThat(small.sessionRuns(ModelInterface.VAE_ENCODER)).as("an edit of a picture encodes it once").isEqualTo(before + 1);
        float[] latents = small.encodeContext(CONTEXT);
        assertThat(latents).hasSize(16 * 6 * 8);
        long afterEncoding = small.sessionRuns(ModelInterface.VAE_ENCODER);
        EditResult supplied = small.run(edit("make it night", 3).withContextLatents(latents), StepListener.NONE,
                () -> false);
        assertThat(supplied.latents()).containsExactly(encoded.latents());
        assertThat(small.sessionRuns(ModelInterface.VAE_ENCODER)).as("supplied latents skip the encoder").isEqualTo(afterEncoding);

        // Without the image, the latents' size comes from width/height.
        EditRequest latentsOnly = new EditRequest("make it night", Optional.empty(), Optional.of(latents), 11, 3,
                2.5, Optional.of(64), Optional.of(48), Optional.empty());
        assertThat(small.run(latentsOnly, StepListener.NONE, () -> false).width()).isEqualTo(64);
    }

    @Test
    void wrongSizedContextLatentsAreRefusedPlainly() {
        assertThatThrownBy(() -> small.prepare(edit("x", 1).withContextLatents(new float[10])))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("context latents have 10 values");
    }

    @Test
    void theSecondJobWithAPromptUsesTheCachedEmbeddings() throws Exception {
        EditResult first = small.run(edit("turn the lamp on", 1), StepListener.NONE, () -> false);
        EditResult second = small.run(edit("turn the lamp on", 1), StepListener.NONE, () -> false);
        assertThat(first.timings().textCacheHit()).isFalse();
        assertThat(second.timings().textCacheHit()).isTrue();
        assertThat(second.latents()).containsExactly(first.latents());
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedDoesNot() throws Exception {
        EditResult a = small.run(edit("add snow", 2), StepListener.NONE, () -> false);
        EditResult b = small.run(edit("add snow", 2), StepListener.NONE, () -> false);
        EditRequest other = new EditRequest("add snow", Optional.of(CONTEXT), Optional.empty(), 12, 2, 2.5,
                Optional.of(48), Optional.of(32), Optional.empty());
        EditResult c = small.run(other, StepListener.NONE, () -> false);
        assertThat(b.latents()).containsExactly(a.latents());
        assertThat(c.latents()).isNotEqualTo(a.latents());
    }

    @Test
    void concurrentJobsGiveTheSameResultsAsSequentialOnes() throws Exception {
        EditResult sequentialA = small.run(edit("paint it blue", 3), StepListener.NONE, () -> false);
        EditResult sequentialB = small.run(edit("paint it green", 3), StepListener.NONE, () -> false);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> small.run(edit("paint it blue", 3), StepListener.NONE, () -> false));
            var b = pool.submit(() -> small.run(edit("paint it green", 3), StepListener.NONE, () -> false));
            assertThat(a.get(2, TimeUnit.MINUTES).latents()).containsExactly(sequentialA.latents());
            assertThat(b.get(2, TimeUnit.MINUTES).latents()).containsExactly(sequentialB.latents());
        }
    }

    @Test
    void prepareIsSeparateFromRunAndReusable() throws Exception {
        PreparedRequest prepared = small.prepare(edit("add fog", 2));
        assertThat(prepared.width()).isEqualTo(48);
        assertThat(prepared.height()).isEqualTo(32);
        assertThat(prepared.steps()).isEqualTo(2);
        EditResult first = small.run(prepared, StepListener.NONE, () -> false);
        EditResult again = small.run(prepared, StepListener.NONE, () -> false);
        assertThat(again.latents()).containsExactly(first.latents());
    }

    @Test
    void invalidRequestsAreTypedErrorsWithPlainMessages(@TempDir Path cache) throws Exception {
        try (KontextEngine engine = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache))) {
            assertInvalid(engine, EditRequest.generate("a cat", 1).withSteps(0), "Steps must be between 1 and 100");
            assertInvalid(engine, EditRequest.generate("a cat", 1).withSize(1000, 1024), "Width must be a multiple of 16");
            assertInvalid(engine, EditRequest.generate("a cat", 1).withSize(4096, 1024),
                    "Width must be between 256 and 2048");
            assertInvalid(engine, EditRequest.generate("a cat", 1).withGuidance(25), "Guidance must be between 0 and 20");
            assertInvalid(engine, EditRequest.generate(" ", 1), "The prompt is empty");
            assertInvalid(engine, EditRequest.generate("a cat", 1).withNoise(new float[3]), "The noise has 3 values");
        }
    }

    private static void assertInvalid(KontextEngine engine, EditRequest request, String message) {
        assertThatThrownBy(() -> engine.run(request, StepListener.NONE, () -> false))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InferenceException) e).code())
                        .isEqualTo(InferenceException.Code.INVALID_REQUEST));
    }
}

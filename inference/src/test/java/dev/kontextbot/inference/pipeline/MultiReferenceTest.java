package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.image.TestImages;
import dev.kontextbot.inference.model.ModelInterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.latent.LatentPacking;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several pictures in one edit on the stand-in: separately encoded context groups with offset ids. */
class MultiReferenceTest {

    private static KontextEngine engine;

    @BeforeAll
    static void open(@TempDir Path cache) throws Exception {
        engine = KontextEngine.open(EngineOptions.cpu(StandInPackage.dir(), cache),
                new RequestLimits(16, 2048, 100, 20), ContextSizing.OWN_SIZE);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void threePicturesBecomeThreeEncodedGroupsWithIdsOnPlaneOneComputedByHand() throws Exception {
        List<TransformerInputs> seen = new ArrayList<>();
        engine.observeTransformerInputs(seen::add);
        long encoderRunsBefore = engine.sessionRuns(ModelInterface.VAE_ENCODER);
        // 64x48, 16x48 and 32x32 pixels: token grids 3x4, 3x1 and 2x2 (see ContextGroupIdsTest).
        EditRequest request = EditRequest.edit("put the hat from the second picture on the cat in the first",
                        TestImages.photo(64, 48), 3)
                .withReferences(List.of(picture(16, 48), picture(32, 32)))
                .withSteps(2).withSize(32, 32);

        EditResult result = engine.run(request, StepListener.NONE, () -> false);

        assertThat(engine.sessionRuns(ModelInterface.VAE_ENCODER) - encoderRunsBefore).isEqualTo(3);
        assertThat(result.width()).isEqualTo(32);
        TransformerInputs inputs = seen.getLast();
        assertThat(inputs.noiseTokens()).isEqualTo(4);
        assertThat(inputs.contextTokens()).isEqualTo(12 + 3 + 4);
        float[] expected = {
                // noise 2x2 on plane 0
                0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1,
                // group 1: 3x4 at (0,0)
                1, 0, 0, 1, 0, 1, 1, 0, 2, 1, 0, 3,
                1, 1, 0, 1, 1, 1, 1, 1, 2, 1, 1, 3,
                1, 2, 0, 1, 2, 1, 1, 2, 2, 1, 2, 3,
                // group 2: 3x1 to the right, at column 4
                1, 0, 4, 1, 1, 4, 1, 2, 4,
                // group 3: 2x2 below, at row 3
                1, 3, 0, 1, 3, 1, 1, 4, 0, 1, 4, 1};
        assertThat(inputs.ids()).containsExactly(expected);
    }

    @Test
    void eachGroupIsItsPictureEncodedOnItsOwnAtItsOwnSize() throws Exception {
        List<TransformerInputs> seen = new ArrayList<>();
        engine.observeTransformerInputs(seen::add);
        BufferedImage first = TestImages.photo(64, 48);
        BufferedImage second = picture(32, 32);
        engine.run(EditRequest.edit("add a scarf", first, 5).withReferences(List.of(second)).withSteps(1)
                .withSize(32, 32), StepListener.NONE, () -> false);

        float[] expected = new float[(12 + 4) * 64];
        float[] a = LatentPacking.pack(engine.encodeContext(first), 16, 6, 8);
        float[] b = LatentPacking.pack(engine.encodeContext(second), 16, 4, 4);
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertThat(seen.getLast().context()).containsExactly(expected);
    }

    @Test
    void moreThanFourPicturesOrReferencesWithoutAPictureArePlainErrors() {
        BufferedImage p = picture(32, 32);
        assertThatThrownBy(() -> engine.prepare(EditRequest.edit("x", p, 1).withReferences(List.of(p, p, p, p))))
                .hasMessage("One edit takes at most 4 pictures (got 5).");
        assertThatThrownBy(() -> engine.prepare(EditRequest.generate("x", 1).withReferences(List.of(p))))
                .hasMessage("Reference pictures need the picture to edit as well.");
    }

    private static BufferedImage picture(int w, int h) {
        return SyntheticPhoto.create(w, h, w * 31L + h);
    }
}

package dev.kontextbot.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The classifier's input, sample for sample, against the test's own reading of transformers and Pillow. */
@Tag("integration")
class ClassifierPreprocessorTest {

    private static final double[] HALF = {0.5, 0.5, 0.5};
    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    @TempDir
    Path dir;

    /** A layout folder with two labels and the given preprocessor_config.json; its configuration read back. */
    static ClassifierConfig layout(Path dir, String preprocessor) throws IOException, InferenceException {
        Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"0\": \"normal\", \"1\": \"nsfw\"}}");
        Files.writeString(dir.resolve("preprocessor_config.json"), preprocessor);
        return ClassifierConfig.read(dir);
    }

    /** Equal sample for sample; the first difference named by its index (AssertJ's array diff is quadratic). */
    private static void assertSameSamples(float[] mine, float[] reference) {
        assertThat(mine).hasSameSizeAs(reference);
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] != reference[i]) {
                assertThat(mine[i]).as("sample %d of %d", i, mine.length).isEqualTo(reference[i]);
            }
        }
    }

    private float[] prepare(String preprocessor, BufferedImage picture) throws Exception {
        return new ClassifierPreprocessor(layout(dir, preprocessor)).prepare(picture).values();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aStretchedNonSquareDownscaleMatchesTheReferenceExactly(int resample) throws Exception {
        BufferedImage photo = SyntheticPhoto.create(600, 400, 11);
        float[] mine = prepare("""
                {"size": {"height": 224, "width": 160}, "resample": %d, "image_mean": [0.5, 0.5, 0.5],
                 "image_std": [0.5, 0.5, 0.5], "rescale_factor": 0.00392156862745098}""".formatted(resample), photo);
        float[] reference = PillowReference.pixelValues(photo, 0, 160, 224, resample, 0, 0, 1 / 255.0, HALF, HALF);
        assertSameSamples(mine, reference);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shortestEdgeKeepsTheAspectRatioThenCropsTheCentre(int resample) throws Exception {
        String pre = """
                {"size": {"shortest_edge": 224}, "do_center_crop": true, "crop_size": {"height": 224, "width": 224},
                 "resample": %d, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}"""
                .formatted(resample);
        for (BufferedImage photo : new BufferedImage[] {SyntheticPhoto.create(450, 640, 3),
                SyntheticPhoto.create(640, 410, 4)}) {
            float[] mine = prepare(pre, photo);
            float[] reference = PillowReference.pixelValues(photo, 224, 0, 0, resample, 224, 224, 1 / 255.0,
                    IMAGENET_MEAN, IMAGENET_STD);
            assertThat(mine).hasSize(3 * 224 * 224);
            assertSameSamples(mine, reference);
        }
    }

    @Test
    void shortestEdgeWithoutACropGivesTheResizedShape() throws Exception {
        ClassifierPreprocessor.PixelValues px = new ClassifierPreprocessor(
                layout(dir, "{\"size\": {\"shortest_edge\": 224}, \"do_center_crop\": false}"))
                .prepare(SyntheticPhoto.create(451, 300, 5));
        // int(224 * 451 / 300) = int(336.77) = 336: truncated, not rounded
        assertThat(px.width()).isEqualTo(336);
        assertThat(px.height()).isEqualTo(224);
        assertSameSamples(px.values(), PillowReference.pixelValues(SyntheticPhoto.create(451, 300, 5),
                224, 0, 0, 2, 0, 0, 1 / 255.0, HALF, HALF));
    }

    @Test
    void theCropIsCutAtHalfTheSlackRoundedDown() throws Exception {
        // 7x5, no resize, crop 3x3: left (7 - 3) // 2 = 2, top (5 - 3) // 2 = 1
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                img.setRGB(x, y, (10 * y + x) << 16);
            }
        }
        float[] px = prepare("""
                {"do_resize": false, "do_center_crop": true, "crop_size": {"height": 3, "width": 3},
                 "do_rescale": false, "do_normalize": false}""", img);
        assertThat(px).hasSize(27);
        assertThat(px[0]).isEqualTo(12f);     // red of (2, 1)
        assertThat(px[8]).isEqualTo(34f);     // red of (4, 3)
        assertThat(px[9]).isEqualTo(0f);      // green plane
    }

    @Test
    void eachFlagIsHonoured() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0080);
        img.setRGB(1, 0, 0x000000);
        // do_resize false: the picture at its own size; do_normalize false: rescaled only
        float[] rescaled = prepare("{\"do_resize\": false, \"do_normalize\": false, \"rescale_factor\": 0.5}", img);
        assertThat(rescaled).containsExactly(127.5f, 0f, 0f, 0f, 64f, 0f);
        // do_rescale false, normalised with mean 100 and std 2
        float[] normalised = prepare("""
                {"do_resize": false, "do_rescale": false, "image_mean": 100, "image_std": 2}""", img);
        assertThat(normalised).containsExactly(77.5f, -50f, -50f, -50f, 14f, -50f);
    }

    @Test
    void transparencyIsCompositedOnWhite() throws Exception {
        BufferedImage clear = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB); // all transparent black
        float[] px = prepare("{\"size\": {\"height\": 8, \"width\": 8}, \"do_normalize\": false}", clear);
        for (float v : px) {
            assertThat(v).isEqualTo(1f);
        }
    }

    @Test
    void aPictureSmallerThanTheCropIsAPlainError() throws Exception {
        ClassifierPreprocessor pre = new ClassifierPreprocessor(layout(dir,
                "{\"do_resize\": false, \"crop_size\": {\"height\": 32, \"width\": 32}}"));
        assertThatThrownBy(() -> pre.prepare(new BufferedImage(20, 40, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(InferenceException.class).hasMessageContaining("smaller than");
    }
}

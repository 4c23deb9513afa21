package dev.kontextbot.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.StandInClassifierWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageClassifierTest {

    @TempDir
    Path dir;

    static BufferedImage filled(int w, int h, Color colour) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void theStandInFlagsVeryRedPicturesAndPassesOthers() throws Exception {
        new StandInClassifierWriter().write(dir);
        try (ImageClassifier classifier = ImageClassifier.open(dir)) {
            assertThat(classifier.config().labels()).containsExactly("normal", "nsfw");
            Map<String, Double> red = classifier.classify(filled(300, 200, new Color(255, 0, 0)));
            Map<String, Double> grey = classifier.classify(filled(64, 640, new Color(128, 128, 128)));
            Map<String, Double> pinkish = classifier.classify(filled(100, 100, new Color(200, 60, 60)));
            assertThat(red.get("nsfw")).isGreaterThan(0.99);
            assertThat(grey.get("nsfw")).isLessThan(0.01);
            assertThat(pinkish.get("nsfw")).isBetween(0.5, 0.85);
            assertThat(red.get("normal") + red.get("nsfw")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void preprocessingRescalesAndNormalisesChannelsFirst() throws Exception {
        new StandInClassifierWriter().write(dir);
        try (ImageClassifier classifier = ImageClassifier.open(dir)) {
            float[] px = new ClassifierPreprocessor(classifier.config())
                    .prepare(filled(10, 10, new Color(255, 0, 128))).values();
            int plane = StandInClassifierWriter.SIDE * StandInClassifierWriter.SIDE;
            assertThat(px).hasSize(3 * plane);
            assertThat(px[0]).isEqualTo(1f);
            assertThat(px[plane]).isEqualTo(-1f);
            assertThat(px[2 * plane]).isCloseTo(0.0039f, org.assertj.core.data.Offset.offset(0.001f));
        }
    }

    @Test
    void aFolderWithoutLabelsIsAPlainModelPackageError() throws Exception {
        new StandInClassifierWriter().write(dir);
        Files.writeString(dir.resolve("config.json"), "{\"architectures\": []}");
        assertThatThrownBy(() -> ImageClassifier.open(dir)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("no id2label");
    }

    @Test
    void aMissingModelIsNamed() throws Exception {
        new StandInClassifierWriter().write(dir);
        Files.delete(dir.resolve("model.onnx"));
        assertThatThrownBy(() -> ImageClassifier.open(dir)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("model.onnx");
    }
}

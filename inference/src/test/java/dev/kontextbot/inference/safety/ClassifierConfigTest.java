package dev.kontextbot.inference.safety;

import static dev.kontextbot.inference.safety.ClassifierPreprocessorTest.layout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ResampleFilter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierConfigTest {

    @TempDir
    Path dir;

    @Test
    void absentKeysTakeTheVitProcessorsDefaults() throws Exception {
        ClassifierConfig c = layout(dir, "{\"size\": {\"height\": 224, \"width\": 224}}");
        assertThat(c.resize()).contains(new ClassifierConfig.Stretch(224, 224));
        assertThat(c.filter()).isEqualTo(ResampleFilter.BILINEAR);
        assertThat(c.crop()).isEmpty();
        assertThat(c.rescale()).isEqualTo(1 / 255.0);
        assertThat(c.mean()).containsExactly(0.5, 0.5, 0.5);
        assertThat(c.std()).containsExactly(0.5, 0.5, 0.5);
        assertThat(c.labels()).containsExactly("normal", "nsfw");
    }

    @Test
    void shortestEdgeTruncatesTheLongSide() throws Exception {
        ClassifierConfig c = layout(dir, """
                {"size": {"shortest_edge": 224}, "crop_size": {"height": 224, "width": 224}, "resample": 3}""");
        ClassifierConfig.Resize resize = c.resize().orElseThrow();
        assertThat(resize.target(900, 600)).containsExactly(336, 224);
        assertThat(resize.target(600, 901)).containsExactly(224, 336);   // 336.37 -> 336
        assertThat(resize.target(599, 900)).containsExactly(224, 336);   // 336.56 -> 336, not 337
        assertThat(resize.target(500, 500)).containsExactly(224, 224);
        // without do_center_crop, a crop_size given is applied (the processors that have one default to it)
        assertThat(c.crop()).contains(new ClassifierConfig.Crop(224, 224));
        assertThat(c.filter()).isEqualTo(ResampleFilter.BICUBIC);
    }

    @Test
    void doCenterCropFalseIgnoresTheCropSize() throws Exception {
        ClassifierConfig c = layout(dir, """
                {"size": {"shortest_edge": 256}, "do_center_crop": false, "crop_size": 224}""");
        assertThat(c.crop()).isEmpty();
        assertThat(layout(dir, "{\"size\": 256, \"crop_size\": 224}").crop())
                .contains(new ClassifierConfig.Crop(224, 224));
    }

    @Test
    void whatCannotBeFollowedIsAPlainModelPackageError() {
        assertThatThrownBy(() -> layout(dir, "{\"size\": {\"shortest_edge\": 200}, \"crop_size\": 224}"))
                .isInstanceOf(InferenceException.class).hasMessageContaining("crop_size 224x224 is larger");
        assertThatThrownBy(() -> layout(dir, "{\"size\": {\"shortest_edge\": 800, \"longest_edge\": 1333}}"))
                .hasMessageContaining("longest_edge");
        assertThatThrownBy(() -> layout(dir, "{\"size\": 224, \"resample\": 9}")).hasMessageContaining("resample 9");
        assertThatThrownBy(() -> layout(dir, "{\"size\": {\"width\": 224}}")).hasMessageContaining("has no size");
        assertThatThrownBy(() -> layout(dir, "{\"size\": 0}")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> layout(dir, "{\"size\": {\"shortest_edge\": 384}, \"crop_pct\": 0.875}"))
                .hasMessageContaining("crop_pct");
    }
}

package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.InferenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Layout resolution only: these files are empty, the package is never loaded. */
class ModelPackageTest {

    @TempDir
    Path dir;

    private void touch(String relative) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
    }

    private void layoutWithout(String... transformerPrecisions) throws Exception {
        for (String f : new String[] {"clip.opt/model.onnx", "t5.opt/model.onnx", "vae_encoder.opt/model.onnx",
                "vae.opt/model.onnx", "tokenizer/tokenizer.json", "tokenizer_2/tokenizer.json"}) {
            touch(f);
        }
        for (String p : transformerPrecisions) {
            touch("transformer.opt/" + p + "/model.onnx");
        }
    }

    @Test
    void firstPresentPrecisionWinsInPreferenceOrder() throws Exception {
        layoutWithout("fp32", "fp8", "fp4_svd32");

        ModelPackage pkg = ModelPackage.open(dir, Optional.empty());

        assertThat(pkg.precision()).isEqualTo("fp8");
        assertThat(pkg.transformer()).isEqualTo(dir.resolve("transformer.opt/fp8/model.onnx"));
        assertThat(pkg.clip()).isEqualTo(dir.resolve("clip.opt/model.onnx"));
        assertThat(pkg.t5()).isEqualTo(dir.resolve("t5.opt/model.onnx"));
        assertThat(pkg.vaeEncoder()).isEqualTo(dir.resolve("vae_encoder.opt/model.onnx"));
        assertThat(pkg.vaeDecoder()).isEqualTo(dir.resolve("vae.opt/model.onnx"));
        assertThat(pkg.clipTokenizer()).isEqualTo(dir.resolve("tokenizer/tokenizer.json"));
        assertThat(pkg.t5Tokenizer()).isEqualTo(dir.resolve("tokenizer_2/tokenizer.json"));
        assertThat(pkg.isStandIn()).isFalse();
    }

    @Test
    void bf16IsPreferredOverEverythingElse() throws Exception {
        layoutWithout("fp16", "bf16");

        assertThat(ModelPackage.open(dir, Optional.empty()).precision()).isEqualTo("bf16");
    }

    @Test
    void askedPrecisionIsUsedAndBlankMeansNone() throws Exception {
        layoutWithout("bf16", "fp4_svd32");

        assertThat(ModelPackage.open(dir, Optional.of("fp4_svd32")).precision()).isEqualTo("fp4_svd32");
        assertThat(ModelPackage.open(dir, Optional.of("  ")).precision()).isEqualTo("bf16");
    }

    @Test
    void precisionThatIsNotAFolderNameIsRefused() throws Exception {
        layoutWithout("bf16");

        assertThatThrownBy(() -> ModelPackage.open(dir, Optional.of("../bf16")))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.MODEL_PACKAGE))
                .hasMessageContaining("'../bf16' is not a folder name");
    }

    @Test
    void missingFileIsNamedPlainly() throws Exception {
        layoutWithout("bf16");
        Files.delete(dir.resolve("vae_encoder.opt/model.onnx"));

        assertThatThrownBy(() -> ModelPackage.open(dir, Optional.empty()))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.MODEL_PACKAGE))
                .hasMessage("vae_encoder.opt/model.onnx is missing in " + dir + ": download the folder vae_encoder.opt/ "
                        + "from black-forest-labs/FLUX.1-Depth-dev-onnx (the Kontext repo has no VAE; see docs/models.md)");
    }

    @Test
    void markerFileMakesItAStandIn() throws Exception {
        layoutWithout("fp32");
        touch(ModelPackage.STAND_IN_MARKER);

        ModelPackage pkg = ModelPackage.open(dir, Optional.empty());

        assertThat(pkg.isStandIn()).isTrue();
        assertThat(pkg.toString()).startsWith("stand-in model package");
    }
}

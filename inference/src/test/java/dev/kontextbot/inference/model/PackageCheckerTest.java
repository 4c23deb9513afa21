package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Broken packages: each fails with a message naming the first missing or wrong item. */
class PackageCheckerTest {

    @TempDir
    Path dir;

    private final PackageChecker checker = new PackageChecker();

    @BeforeEach
    void writeStandIn() throws Exception {
        new StandInPackageWriter().write(dir, 3);
    }

    @Test
    void packageWithoutItsTransformerFailsNamingIt() throws Exception {
        deleteTree(dir.resolve("transformer.opt"));

        CheckReport report = checker.check(dir, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty());

        assertThat(report.passed()).isFalse();
        assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("transformer.opt/<precision>/model.onnx is missing in " + dir)
                .contains("bf16, fp8, fp4, fp4_svd32, fp16, fp32")
                .contains("black-forest-labs/FLUX.1-Kontext-dev-onnx"));
        assertThat(report.lines().getLast()).startsWith("FAILED: transformer.opt");
    }

    @Test
    void askedForPrecisionThatIsAbsentFailsNamingItsFile() {
        CheckReport report = checker.check(dir, Optional.of("bf16"), ExecutionProviders.Device.CPU, Optional.empty());

        assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("transformer.opt/bf16/model.onnx is missing in " + dir)
                .contains("download the folder transformer.opt/bf16/ from black-forest-labs/FLUX.1-Kontext-dev-onnx"));
    }

    @Test
    void missingTokenizerFailsNamingIt() throws Exception {
        Files.delete(dir.resolve("tokenizer_2/tokenizer.json"));

        assertThat(checker.check(dir, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty()).problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("tokenizer_2/tokenizer.json is missing in " + dir)
                        .contains("black-forest-labs/FLUX.1-Kontext-dev "));
    }

    @Test
    void misnamedTransformerInputFailsNamingTheTensor() throws Exception {
        renameTensor(dir.resolve("transformer.opt/fp32/model.onnx"), "guidance", "guidance_scale");

        CheckReport report = checker.check(dir, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty());

        assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("transformer.opt/fp32/model.onnx: input 'guidance' is missing")
                .contains("guidance_scale"));
        // the other models are still listed, so the user sees the whole interface
        assertThat(report.models()).hasSize(5);
    }

    @Test
    void verifyThrowsForAnOpenSessionWithAMisnamedTensor() throws Exception {
        Path transformer = dir.resolve("transformer.opt/fp32/model.onnx");
        renameTensor(transformer, "img_ids", "image_ids");
        OrtSessions sessions = new OrtSessions(OrtEnvironment.getEnvironment());

        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = sessions.open(transformer, options);
             OrtSession clip = sessions.open(dir.resolve("clip.opt/model.onnx"), options)) {
            assertThatThrownBy(() -> PackageChecker.verify(ModelInterface.TRANSFORMER, session, "transformer.opt/fp32/model.onnx"))
                    .isInstanceOfSatisfying(InferenceException.class,
                            e -> assertThat(e.code()).isEqualTo(InferenceException.Code.MODEL_PACKAGE))
                    .hasMessageStartingWith("transformer.opt/fp32/model.onnx: input 'img_ids' is missing");
            assertThatCode(() -> PackageChecker.verify(ModelInterface.CLIP, clip, "clip.opt/model.onnx"))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void misnamedDecoderOutputFailsNamingTheTensor() throws Exception {
        renameTensor(dir.resolve("vae.opt/model.onnx"), "images", "sample");

        assertThat(checker.check(dir, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty()).problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("vae.opt/model.onnx: output 'images' is missing"));
    }

    @Test
    void corruptModelFileFailsNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("clip.opt/model.onnx"), "not a model");

        assertThat(checker.check(dir, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty()).problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("clip.opt/model.onnx is not a readable ONNX model"));
    }

    @Test
    void missingExternalDataFailsNamingTheModel() throws Exception {
        Files.delete(dir.resolve("t5.opt/backbone.onnx_data"));

        assertThat(checker.check(dir, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty()).problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("t5.opt/backbone.onnx_data is missing: t5.opt/model.onnx keeps"));
    }

    @Test
    void missingFolderFailsPlainly() {
        Path absent = dir.resolve("nothing-here");

        assertThat(checker.check(absent, Optional.empty(), ExecutionProviders.Device.CPU, Optional.empty()).problem())
                .contains("the model package folder " + absent + " does not exist");
    }

    /** Renames a graph input or output and every node's use of it, leaving the rest of the file as written. */
    private static void renameTensor(Path modelFile, String from, String to) throws Exception {
        ModelProto model;
        try (InputStream in = Files.newInputStream(modelFile)) {
            model = ModelProto.parseFrom(in);
        }
        GraphProto.Builder graph = model.getGraph().toBuilder();
        graph.getInputBuilderList().stream().filter(v -> v.getName().equals(from)).forEach(v -> v.setName(to));
        graph.getOutputBuilderList().stream().filter(v -> v.getName().equals(from)).forEach(v -> v.setName(to));
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(from)) {
                    node.setInput(i, to);
                }
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                if (node.getOutput(i).equals(from)) {
                    node.setOutput(i, to);
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(modelFile)) {
            model.toBuilder().setGraph(graph).build().writeTo(out);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

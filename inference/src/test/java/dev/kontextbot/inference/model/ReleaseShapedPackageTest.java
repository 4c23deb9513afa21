package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The static check and the start-up refusals on a package shaped like the published release (about 35 GB declared). */
class ReleaseShapedPackageTest {

    @TempDir
    static Path root;
    static Path release;

    private final PackageChecker checker = new PackageChecker();

    @BeforeAll
    static void write() throws Exception {
        release = root.resolve("release");
        new ReleaseShapedPackageWriter().write(release, 5);
    }

    private Path copy(String name) throws Exception {
        Path target = root.resolve(name);
        try (Stream<Path> files = Files.walk(release)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(release.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (p.getFileName().toString().endsWith(".onnx_data")) {
                    // Sparse again: copying 35 GB of holes would write them out.
                    try (RandomAccessFile f = new RandomAccessFile(to.toFile(), "rw")) {
                        f.setLength(Files.size(p));
                    }
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    @Test
    void checkPassesOnTheCpuAndShowsWhatEachPartNeeds() {
        CheckReport report = checker.check(release, Optional.empty(), Device.CPU, Optional.empty());

        assertThat(report.problems()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.models()).extracting(CheckReport.ModelReport::file).containsExactly(
                "clip.opt/model.onnx", "t5.opt/model.onnx", "transformer.opt/bf16/model.onnx",
                "transformer.opt/fp4/model.onnx", "vae_encoder.opt/model.onnx", "vae.opt/model.onnx");
        assertThat(report.lines()).contains(
                "  in   hidden_states BFLOAT16 [B,latent_dim,64]",
                "  out  text_embeddings BFLOAT16 [B,512,4096]",
                "  in   input_ids INT32 [B,77]",
                "  out  pooled_embeddings FLOAT16 [B,768]",
                "  note TensorRT only: nodes in TensorRT's custom-operator domain 'trt'",
                "  note runs on: tensorrt on a GPU of compute capability 10.0 or newer");
        assertThat(report.lines()).anyMatch(l -> l.startsWith("transformer.opt/bf16/model.onnx  (IR 8, opset 17, "
                + "computes in bf16, weights 23.8 GB)"));
        assertThat(report.lines()).anyMatch(l -> l.startsWith("  note samples: RandomNormalLike"));
        GraphSummary t5 = report.models().get(1).summary();
        assertThat(t5.precision()).isEqualTo(Precision.BF16);
        assertThat(t5.totalWeightBytes()).isGreaterThan(9_000_000_000L);
        // On the CPU every bf16 / fp4 part is refused, in plain words, without failing the check.
        assertThat(report.refusals()).contains(
                "this package's transformer (transformer.opt/bf16/model.onnx) computes in bf16, which ONNX Runtime "
                        + "runs only on a GPU: set KONTEXT_DEVICE=cuda or tensorrt");
        assertThat(report.refusals()).anyMatch(r -> r.contains("fp4") && r.contains("KONTEXT_DEVICE=tensorrt"));
    }

    @Test
    void onTensorRtWithABlackwellGpuNothingIsRefused() {
        CheckReport report = checker.check(release, Optional.empty(), Device.TENSORRT,
                Optional.of(new ComputeCapability(10, 0)));

        assertThat(report.refusals()).isEmpty();
    }

    @Test
    void withoutTheVaeFoldersTheCheckFailsNamingTheDepthRepo() throws Exception {
        Path noVae = copy("no-vae");
        deleteTree(noVae.resolve("vae.opt"));
        deleteTree(noVae.resolve("vae_encoder.opt"));

        CheckReport report = checker.check(noVae, Optional.empty(), Device.CPU, Optional.empty());

        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).containsExactly(
                "vae_encoder.opt/model.onnx is missing in " + noVae + ": download the folder vae_encoder.opt/ from "
                        + "black-forest-labs/FLUX.1-Depth-dev-onnx (the Kontext repo has no VAE; see docs/models.md)",
                "vae.opt/model.onnx is missing in " + noVae + ": download the folder vae.opt/ from "
                        + "black-forest-labs/FLUX.1-Depth-dev-onnx (the Kontext repo has no VAE; see docs/models.md)");
    }

    @Test
    void truncatedExternalDataAndATruncatedGraphGetOneLineEach() throws Exception {
        Path broken = copy("broken");
        try (RandomAccessFile f = new RandomAccessFile(broken.resolve("transformer.opt/bf16/backbone.onnx_data").toFile(), "rw")) {
            f.setLength(1_000_000);
        }
        Path clip = broken.resolve("clip.opt/model.onnx");
        byte[] bytes = Files.readAllBytes(clip);
        Files.write(clip, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        CheckReport report = checker.check(broken, Optional.empty(), Device.CPU, Optional.empty());

        assertThat(report.problems()).hasSize(2);
        assertThat(report.problems().get(0)).startsWith("clip.opt/model.onnx is not a readable ONNX model");
        assertThat(report.problems().get(1)).isEqualTo("transformer.opt/bf16/backbone.onnx_data is truncated: "
                + "1000000 bytes, the tensors of transformer.opt/bf16/model.onnx need "
                + Files.size(release.resolve("transformer.opt/bf16/backbone.onnx_data")) + " (download it again)");
    }

    @Test
    void theCpuEngineRefusesTheBf16PackageInOneSentenceBeforeLoadingAnything() {
        assertThatThrownBy(() -> KontextEngine.open(EngineOptions.cpu(release, root.resolve("cache"))))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.EXECUTION_PROVIDER))
                .hasMessage("This package's transformer computes in bf16, which ONNX Runtime runs only on a GPU: "
                        + "set KONTEXT_DEVICE=cuda or tensorrt.");
    }

    @Test
    void theSamplingEncoderIsDeterministicOncePatchedAndReturnsTheMean() throws Exception {
        Path moments = root.resolve("moments.onnx");
        new StandInModels(5).writeVaeEncoder(moments);
        Path sampling = release.resolve("vae_encoder.opt/model.onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] pixels = new float[3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) Math.sin(i * 0.37);
        }
        long[] shape = {1, 3, 32, 32};
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession raw = env.createSession(sampling.toString(), options);
             OrtSession patched = env.createSession(DeterministicEncoder.patched(sampling), options);
             OrtSession reference = env.createSession(moments.toString(), options);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape)) {
            float[] a = run(patched, in);
            float[] b = run(patched, in);
            float[] sampled = run(raw, in);
            float[] mean = java.util.Arrays.copyOf(run(reference, in), a.length); // first 16 of 32 channels
            assertThat(a).hasSize(16 * 4 * 4).containsExactly(b).containsExactly(mean);
            assertThat(sampled).isNotEqualTo(mean);
        }
    }

    private static float[] run(OrtSession session, OnnxTensor in) throws Exception {
        try (OrtSession.Result r = session.run(Map.of("images", in))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** The stand-in package, written once into a temporary folder and loaded with ONNX Runtime on the CPU. */
class StandInPackageTest {

    private static final int S = 12;

    @TempDir
    static Path dir;

    private static OrtEnvironment env;
    private static ModelPackage pkg;
    /** encoder_hidden_states [1,512,4096]: 8 MB, so made once and shared by every transformer run. */
    private static OnnxTensor text;

    @BeforeAll
    static void writePackage() throws Exception {
        new StandInPackageWriter().write(dir, 7);
        env = OrtEnvironment.getEnvironment();
        pkg = ModelPackage.open(dir, Optional.empty());
        text = floats(randoms(512 * 4096, 12), 1, 512, 4096);
    }

    @AfterAll
    static void closeText() {
        text.close();
    }

    @Test
    void openedPackageIsTheStandInInTheFp32Folder() {
        assertThat(pkg.isStandIn()).isTrue();
        assertThat(pkg.precision()).isEqualTo("fp32");
        assertThat(pkg.transformer()).isEqualTo(dir.resolve("transformer.opt/fp32/model.onnx"));
        assertThat(pkg.clipTokenizer()).isRegularFile();
        assertThat(pkg.t5Tokenizer()).isRegularFile();
        assertThat(dir.resolve("STAND-IN.txt")).content().contains("NOT FLUX.1 Kontext", "docs/models.md");
    }

    @Test
    void checkerPassesAndReportsTheInterface() {
        CheckReport report = new PackageChecker().check(dir, Optional.empty(), ExecutionProviders.Device.CPU,
                Optional.empty());

        assertThat(report.problem()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.standIn()).isTrue();
        assertThat(report.models()).extracting(CheckReport.ModelReport::model)
                .containsExactly(ModelInterface.values());
        assertThat(report.lines()).contains(
                "  in   hidden_states FLOAT [B,latent_dim,64]",
                "  in   txt_ids FLOAT [512,3]",
                "  out  latent FLOAT [B,latent_dim,64]",
                "  in   input_ids INT64 [B,77]",
                "  out  pooled_embeddings FLOAT [B,768]",
                "  out  latent FLOAT [B,32,H/8,W/8]",
                "  note deterministic: no random nodes");
        assertThat(report.lines()).anyMatch(l -> l.startsWith("transformer.opt/fp32/model.onnx  (IR 8, opset 17, "
                + "computes in fp32, weights"));
        assertThat(report.lines().getFirst()).startsWith("STAND-IN");
        assertThat(report.lines().getLast()).startsWith("OK");
    }

    @Test
    void bigWeightsAreExternalDataAndSessionsStillLoadFromThePath() throws Exception {
        Path t5Data = dir.resolve("t5.opt/backbone.onnx_data");
        Path transformerData = dir.resolve("transformer.opt/fp32/backbone.onnx_data");
        assertThat(t5Data).isRegularFile();
        assertThat(transformerData).isRegularFile();
        // the weights are in the data file, not in the graph
        assertThat(Files.size(t5Data)).isGreaterThan(Files.size(pkg.t5()));
        assertThat(Files.size(transformerData)).isGreaterThan(Files.size(pkg.transformer()));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = new OrtSessions(env).open(pkg.t5(), options)) {
            assertThat(session.getInputNames()).containsExactly("input_ids");
        }
    }

    @Test
    void clipRunsWithTheRealShapes() throws Exception {
        long[] ids = new long[77];
        java.util.Arrays.fill(ids, 49407);
        ids[0] = 49406;
        try (OrtSession session = open(pkg.clip());
             OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, 77});
             OrtSession.Result result = session.run(Map.of("input_ids", input))) {
            assertThat(shape(result, "text_embeddings")).containsExactly(1, 77, 768);
            assertThat(shape(result, "pooled_embeddings")).containsExactly(1, 768);
        }
    }

    @Test
    void t5RunsWithTheRealShapes() throws Exception {
        long[] ids = new long[512];
        ids[0] = 31999;
        ids[1] = 1;
        try (OrtSession session = open(pkg.t5());
             OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, 512});
             OrtSession.Result result = session.run(Map.of("input_ids", input))) {
            assertThat(shape(result, "text_embeddings")).containsExactly(1, 512, 4096);
        }
    }

    @Test
    void vaeEncoderDividesBy8AndReturnsMeanAndLogVariance() throws Exception {
        try (OrtSession session = open(pkg.vaeEncoder());
             OnnxTensor images = floats(randoms(3 * 64 * 48, 1), 1, 3, 64, 48);
             OrtSession.Result result = session.run(Map.of("images", images))) {
            assertThat(shape(result, "latent")).containsExactly(1, 32, 8, 6);
        }
    }

    @Test
    void vaeDecoderMultipliesBy8() throws Exception {
        try (OrtSession session = open(pkg.vaeDecoder());
             OnnxTensor latent = floats(randoms(16 * 8 * 6, 2), 1, 16, 8, 6);
             OrtSession.Result result = session.run(Map.of("latent", latent))) {
            assertThat(shape(result, "images")).containsExactly(1, 3, 64, 48);
        }
    }

    @Test
    void transformerOutputHasTheShapeOfHiddenStates() throws Exception {
        try (OrtSession session = open(pkg.transformer())) {
            float[] out = runTransformer(session, baseInputs(), text);
            assertThat(out).hasSize(S * 64);
        }
    }

    @Test
    void transformerOutputDependsOnEveryInput() throws Exception {
        try (OrtSession session = open(pkg.transformer())) {
            float[] base = runTransformer(session, baseInputs(), text);

            assertThat(changedBy(session, base, in -> add(in.get("hidden_states"), 0.5f)))
                    .as("hidden_states").isTrue();
            float[] otherText = randoms(512 * 4096, 12);
            add(otherText, 0.3f);
            try (OnnxTensor changedText = floats(otherText, 1, 512, 4096)) {
                assertThat(differs(base, runTransformer(session, baseInputs(), changedText)))
                        .as("encoder_hidden_states").isTrue();
            }
            assertThat(changedBy(session, base, in -> add(in.get("pooled_projections"), 0.3f)))
                    .as("pooled_projections").isTrue();
            assertThat(changedBy(session, base, in -> in.get("timestep")[0] = 0.25f))
                    .as("timestep").isTrue();
            assertThat(changedBy(session, base, in -> add(in.get("img_ids"), 1f)))
                    .as("img_ids").isTrue();
            assertThat(changedBy(session, base, in -> add(in.get("txt_ids"), 1f)))
                    .as("txt_ids").isTrue();
            assertThat(changedBy(session, base, in -> in.get("guidance")[0] = 5f))
                    .as("guidance").isTrue();
        }
    }

    @Test
    void twentyEightEulerStepsStayFiniteAndBounded() throws Exception {
        try (OrtSession session = open(pkg.transformer())) {
            Map<String, float[]> in = baseInputs();
            float[] x = in.get("hidden_states");
            int steps = 28;
            for (int i = 0; i < steps; i++) {
                float sigma = 1f - (float) i / steps;
                double dt = -1.0 / steps;
                in.get("timestep")[0] = sigma;
                float[] v = runTransformer(session, in, text);
                for (int k = 0; k < x.length; k++) {
                    x[k] = (float) (x[k] + dt * v[k]);
                }
            }
            for (float value : x) {
                assertThat(value).isFinite().isBetween(-10f, 10f);
            }
        }
    }

    private static boolean changedBy(OrtSession session, float[] base, Consumer<Map<String, float[]>> change)
            throws OrtException {
        Map<String, float[]> inputs = baseInputs();
        change.accept(inputs);
        return differs(base, runTransformer(session, inputs, text));
    }

    private static boolean differs(float[] base, float[] out) {
        double maxDiff = 0;
        for (int i = 0; i < out.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(out[i] - base[i]));
        }
        return maxDiff > 1e-4;
    }

    /** Inputs but the text for one sample with S tokens: hidden [1,S,64], pooled [1,768], ids [S,3]. */
    private static Map<String, float[]> baseInputs() {
        Map<String, float[]> in = new LinkedHashMap<>();
        in.put("hidden_states", randoms(S * 64, 11));
        in.put("pooled_projections", randoms(768, 13));
        in.put("timestep", new float[] {0.75f});
        float[] ids = new float[S * 3];
        for (int i = 0; i < S; i++) {
            ids[i * 3] = i < S / 2 ? 0 : 1;
            ids[i * 3 + 1] = (i % (S / 2)) / 3;
            ids[i * 3 + 2] = (i % (S / 2)) % 3;
        }
        in.put("img_ids", ids);
        in.put("txt_ids", new float[512 * 3]);
        in.put("guidance", new float[] {2.5f});
        return in;
    }

    private static float[] runTransformer(OrtSession session, Map<String, float[]> in, OnnxTensor textTensor)
            throws OrtException {
        Map<String, long[]> shapes = Map.of(
                "hidden_states", new long[] {1, S, 64},
                "pooled_projections", new long[] {1, 768},
                "timestep", new long[] {1},
                "img_ids", new long[] {S, 3},
                "txt_ids", new long[] {512, 3},
                "guidance", new long[] {1});
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (var e : in.entrySet()) {
                tensors.put(e.getKey(), floats(e.getValue(), shapes.get(e.getKey())));
            }
            Map<String, OnnxTensor> feed = new HashMap<>(tensors);
            feed.put("encoder_hidden_states", textTensor);
            try (OrtSession.Result result = session.run(feed)) {
                OnnxTensor latent = (OnnxTensor) result.get("latent").orElseThrow();
                assertThat(latent.getInfo().getShape()).containsExactly(1, S, 64);
                FloatBuffer buffer = latent.getFloatBuffer();
                float[] out = new float[buffer.remaining()];
                buffer.get(out);
                return out;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static OrtSession open(Path file) throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            return new OrtSessions(env).open(file, options);
        }
    }

    private static OnnxTensor floats(float[] values, long... shape) throws OrtException {
        FloatBuffer direct = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer().put(values).flip();
        return OnnxTensor.createTensor(env, direct, shape);
    }

    private static long[] shape(OrtSession.Result result, String name) throws OrtException {
        return ((OnnxTensor) result.get(name).orElseThrow()).getInfo().getShape();
    }

    private static float[] randoms(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    private static void add(float[] values, float delta) {
        for (int i = 0; i < values.length; i++) {
            values[i] += delta;
        }
    }
}

package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.image.TestImages;
import dev.kontextbot.inference.latent.RawFloats;
import dev.kontextbot.inference.text.ClipTokenizer;
import dev.kontextbot.inference.text.T5Tokenizer;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the stand-in package against the pipeline written out plainly here, straight from
 * kontext-pipeline.md (§3.2 packing and ids, §3.5 schedule, §3.6 Euler, §3.7 decode), running the same ONNX files
 * with ONNX Runtime directly. Small sizes (a test-only limit) keep it fast.
 */
class KontextEngineEndToEndTest {

    private static final int CTX_W = 64;
    private static final int CTX_H = 48;
    private static final int OUT_W = 48;
    private static final int OUT_H = 32;
    private static final int STEPS = 4;
    private static final double GUIDANCE = 2.5;
    private static final String PROMPT = "Change the car color to red";

    private static KontextEngine engine;
    private static Path pkg;

    @BeforeAll
    static void open(@TempDir Path cache) throws Exception {
        pkg = StandInPackage.dir();
        engine = KontextEngine.open(EngineOptions.cpu(pkg, cache), new RequestLimits(16, 2048, 100, 20),
                ContextSizing.OWN_SIZE);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void latentsAndPixelsMatchThePipelineComputedIndependently(@TempDir Path tmp) throws Exception {
        BufferedImage context = TestImages.photo(CTX_W, CTX_H);
        // A fixed noise file: values from a formula, written and read back as raw little-endian float32.
        int lh = OUT_H / 8;
        int lw = OUT_W / 8;
        float[] noiseValues = new float[16 * lh * lw];
        for (int i = 0; i < noiseValues.length; i++) {
            noiseValues[i] = (float) Math.sin(i * 0.37 + 0.2) * 1.3f;
        }
        Path noiseFile = tmp.resolve("noise.f32");
        RawFloats.write(noiseFile, noiseValues);
        float[] noise = RawFloats.readLatents(noiseFile, lh, lw);

        EditRequest request = new EditRequest(PROMPT, Optional.of(context), Optional.empty(), 0, STEPS, GUIDANCE,
                Optional.of(OUT_W), Optional.of(OUT_H), Optional.of(noise));
        EditResult result = engine.run(request, StepListener.NONE, () -> false);

        Reference ref = new Reference(pkg);
        float[] expected = ref.latents(PROMPT, context, noiseValues);
        assertThat(result.width()).isEqualTo(OUT_W);
        assertThat(result.height()).isEqualTo(OUT_H);
        assertThat(result.latents()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(result.latents()[i]).as("latent %d", i).isCloseTo(expected[i], within(1e-5f));
        }
        // The latents moved away from the noise: the model did something.
        assertThat(result.latents()[0]).isNotCloseTo(noiseValues[0], within(1e-4f));

        int[] expectedRgb = ref.decode(expected);
        for (int y = 0; y < OUT_H; y += 5) {
            for (int x = 0; x < OUT_W; x += 7) {
                int got = result.image().getRGB(x, y) & 0xFFFFFF;
                int want = expectedRgb[y * OUT_W + x];
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertThat((got >> shift) & 0xFF).isCloseTo((want >> shift) & 0xFF, within(1));
                }
            }
        }
    }

    /** The reference pipeline, written from the spec, calling ONNX Runtime directly. */
    private static final class Reference {

        private final Path pkg;
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();

        Reference(Path pkg) {
            this.pkg = pkg;
        }

        float[] latents(String prompt, BufferedImage context, float[] noise) throws Exception {
            long[] clipIds;
            long[] t5Ids;
            try (ClipTokenizer clip = ClipTokenizer.load(pkg.resolve("tokenizer/tokenizer.json"));
                 T5Tokenizer t5 = T5Tokenizer.load(pkg.resolve("tokenizer_2/tokenizer.json"))) {
                clipIds = clip.encode(prompt).ids();
                t5Ids = t5.encode(prompt).ids();
            }
            float[] pooled = runOne("clip.opt/model.onnx", "input_ids", ids(clipIds), "pooled_embeddings");
            float[] txt = runOne("t5.opt/model.onnx", "input_ids", ids(t5Ids), "text_embeddings");

            // Context: p/127.5 - 1, NCHW, through the encoder; mean = first 16 channels; 0.3611*(m-0.1159).
            int cw = context.getWidth();
            int ch = context.getHeight();
            float[] pixels = new float[3 * cw * ch];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    int p = context.getRGB(x, y);
                    pixels[y * cw + x] = ((p >> 16) & 0xFF) / 127.5f - 1f;
                    pixels[cw * ch + y * cw + x] = ((p >> 8) & 0xFF) / 127.5f - 1f;
                    pixels[2 * cw * ch + y * cw + x] = (p & 0xFF) / 127.5f - 1f;
                }
            }
            float[] moments;
            try (OrtSession s = session("vae_encoder.opt/model.onnx");
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 3, ch, cw});
                 OrtSession.Result r = s.run(Map.of("images", in))) {
                moments = floats((OnnxTensor) r.get("latent").orElseThrow());
            }
            int clh = ch / 8;
            int clw = cw / 8;
            float[] mean = new float[16 * clh * clw];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = 0.3611f * (moments[i] - 0.1159f);
            }
            float[] ctxTokens = pack(mean, clh, clw);

            int lh = OUT_H / 8;
            int lw = OUT_W / 8;
            float[] x = pack(noise, lh, lw);
            int n = (lh / 2) * (lw / 2);
            int nc = (clh / 2) * (clw / 2);
            float[] imgIds = new float[(n + nc) * 3];
            int k = 0;
            for (int i = 0; i < lh / 2; i++) {
                for (int j = 0; j < lw / 2; j++) {
                    imgIds[k++] = 0;
                    imgIds[k++] = i;
                    imgIds[k++] = j;
                }
            }
            for (int i = 0; i < clh / 2; i++) {
                for (int j = 0; j < clw / 2; j++) {
                    imgIds[k++] = 1;
                    imgIds[k++] = i;
                    imgIds[k++] = j;
                }
            }

            // Schedule: mu = m*N + b with m = 0.65/3840, b = 0.5 - 256m; sigma = e^mu / (e^mu + (1/t - 1)).
            double m = (1.15 - 0.5) / (4096 - 256);
            double mu = m * n + (0.5 - m * 256);
            double[] sigma = new double[STEPS + 1];
            for (int i = 0; i <= STEPS; i++) {
                double t = 1.0 - (double) i / STEPS;
                sigma[i] = t == 0 ? 0 : Math.exp(mu) / (Math.exp(mu) + (1 / t - 1));
            }

            try (OrtSession s = session("transformer.opt/fp32/model.onnx")) {
                for (int i = 0; i < STEPS; i++) {
                    float[] hidden = new float[(n + nc) * 64];
                    System.arraycopy(x, 0, hidden, 0, n * 64);
                    System.arraycopy(ctxTokens, 0, hidden, n * 64, nc * 64);
                    Map<String, OnnxTensor> in = new HashMap<>();
                    in.put("hidden_states", OnnxTensor.createTensor(env, FloatBuffer.wrap(hidden), new long[] {1, n + nc, 64}));
                    in.put("encoder_hidden_states", OnnxTensor.createTensor(env, FloatBuffer.wrap(txt), new long[] {1, 512, txt.length / 512}));
                    in.put("pooled_projections", OnnxTensor.createTensor(env, FloatBuffer.wrap(pooled), new long[] {1, pooled.length}));
                    in.put("timestep", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) sigma[i]}), new long[] {1}));
                    in.put("img_ids", OnnxTensor.createTensor(env, FloatBuffer.wrap(imgIds), new long[] {n + nc, 3}));
                    in.put("txt_ids", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[512 * 3]), new long[] {512, 3}));
                    in.put("guidance", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) GUIDANCE}), new long[] {1}));
                    float[] v;
                    try (OrtSession.Result r = s.run(in)) {
                        v = floats((OnnxTensor) r.get("latent").orElseThrow());
                    } finally {
                        in.values().forEach(OnnxTensor::close);
                    }
                    double dt = sigma[i + 1] - sigma[i];
                    for (int j = 0; j < n * 64; j++) {
                        x[j] = (float) (x[j] + dt * v[j]);
                    }
                }
            }
            return unpack(x, lh, lw);
        }

        /** z/0.3611 + 0.1159 -> decoder -> round(clamp((x+1)/2, 0, 1) * 255), as packed RGB ints. */
        int[] decode(float[] latents) throws Exception {
            float[] z = new float[latents.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = latents[i] / 0.3611f + 0.1159f;
            }
            float[] img;
            try (OrtSession s = session("vae.opt/model.onnx");
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {1, 16, OUT_H / 8, OUT_W / 8});
                 OrtSession.Result r = s.run(Map.of("latent", in))) {
                img = floats((OnnxTensor) r.get("images").orElseThrow());
            }
            int plane = OUT_W * OUT_H;
            int[] rgb = new int[plane];
            for (int i = 0; i < plane; i++) {
                rgb[i] = toByte(img[i]) << 16 | toByte(img[plane + i]) << 8 | toByte(img[2 * plane + i]);
            }
            return rgb;
        }

        private static int toByte(float v) {
            double u = Math.min(1, Math.max(0, (v + 1) / 2.0));
            return (int) Math.round(u * 255);
        }

        // tok[n][f] = z[c][y][x] with n = (y/2)*(w/2) + x/2, f = c*4 + (y%2)*2 + x%2 (§3.2).
        private static float[] pack(float[] z, int h, int w) {
            float[] tok = new float[z.length];
            for (int c = 0; c < 16; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int n = (y / 2) * (w / 2) + x / 2;
                        int f = c * 4 + (y % 2) * 2 + x % 2;
                        tok[n * 64 + f] = z[(c * h + y) * w + x];
                    }
                }
            }
            return tok;
        }

        private static float[] unpack(float[] tok, int h, int w) {
            float[] z = new float[16 * h * w];
            for (int c = 0; c < 16; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int n = (y / 2) * (w / 2) + x / 2;
                        int f = c * 4 + (y % 2) * 2 + x % 2;
                        z[(c * h + y) * w + x] = tok[n * 64 + f];
                    }
                }
            }
            return z;
        }

        private OrtSession session(String relative) throws Exception {
            return env.createSession(pkg.resolve(relative).toString(), new OrtSession.SessionOptions());
        }

        private long[] ids(long[] ids) {
            return ids;
        }

        private float[] runOne(String model, String inputName, long[] ids, String output) throws Exception {
            try (OrtSession s = session(model);
                 OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
                 OrtSession.Result r = s.run(Map.of(inputName, in))) {
                return floats((OnnxTensor) r.get(output).orElseThrow());
            }
        }

        private static float[] floats(OnnxTensor t) {
            FloatBuffer fb = t.getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }
}

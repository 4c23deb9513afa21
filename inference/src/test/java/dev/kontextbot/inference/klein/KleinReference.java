package dev.kontextbot.inference.klein;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * FLUX.2 [klein]'s sampling written again for the tests from BFL's {@code flux2/sampling.py} and
 * {@code text_encoder.py}, sharing nothing with the production pipeline but the ONNX files: its own chat text and
 * tokenizer call, its own ids, schedule, Euler loop, token layout and pixel conversion. Pictures must already be at
 * multiples of 16 within the pixel caps (so {@code default_prep} leaves them as they are).
 */
final class KleinReference implements AutoCloseable {

    static final int TXT_LEN = 512;
    static final long PAD = 151643;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession textEncoder;
    private final OrtSession transformer;
    private final OrtSession vaeEncoder;
    private final OrtSession vaeDecoder;
    private final HuggingFaceTokenizer tokenizer;
    /** The ids the last run gave the text encoder. */
    long[] lastInputIds;

    KleinReference(Path dir) throws Exception {
        textEncoder = env.createSession(dir.resolve("text_encoder.onnx").toString());
        transformer = env.createSession(dir.resolve("transformer.onnx").toString());
        vaeEncoder = env.createSession(dir.resolve("vae_encoder.onnx").toString());
        vaeDecoder = env.createSession(dir.resolve("vae_decoder.onnx").toString());
        tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer/tokenizer.json"),
                Map.of("addSpecialTokens", "false"));
    }

    /** The result: final latents [1,128,h,w] and the decoded picture's RGB bytes [3][H*W]. */
    record Output(float[] latents, int[][] rgb) {
    }

    /** {@code Qwen3Embedder}: apply_chat_template(add_generation_prompt, enable_thinking=False), pad/truncate. */
    long[][] tokenize(String prompt) {
        String text = "<|im_start|>user\n" + prompt + "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n";
        long[] raw = tokenizer.encode(text, false, false).getIds();
        long[] ids = new long[TXT_LEN];
        long[] mask = new long[TXT_LEN];
        for (int i = 0; i < TXT_LEN; i++) {
            ids[i] = i < raw.length ? raw[i] : PAD;
            mask[i] = i < raw.length ? 1 : 0;
        }
        return new long[][] {ids, mask};
    }

    /** {@code compute_empirical_mu}. */
    static double empiricalMu(int imageSeqLen, int numSteps) {
        double a1 = 8.73809524e-05;
        double b1 = 1.89833333;
        double a2 = 0.00016927;
        double b2 = 0.45666666;
        if (imageSeqLen > 4300) {
            return a2 * imageSeqLen + b2;
        }
        double m200 = a2 * imageSeqLen + b2;
        double m10 = a1 * imageSeqLen + b1;
        double a = (m200 - m10) / 190.0;
        double b = m200 - 200.0 * a;
        return a * numSteps + b;
    }

    /** {@code get_schedule}: generalized_time_snr_shift over linspace(1, 0, steps + 1). */
    static double[] schedule(int numSteps, int imageSeqLen) {
        double mu = empiricalMu(imageSeqLen, numSteps);
        double[] out = new double[numSteps + 1];
        for (int i = 0; i <= numSteps; i++) {
            double t = 1.0 - i / (double) numSteps;
            out[i] = t == 0 ? 0 : Math.exp(mu) / (Math.exp(mu) + (1 / t - 1));
        }
        return out;
    }

    /**
     * @param noise     [1,128,H/16,W/16]
     * @param pictures  the edited picture first, then the references
     */
    Output run(String prompt, List<BufferedImage> pictures, int width, int height, float[] noise, int steps)
            throws Exception {
        long[][] tok = tokenize(prompt);
        lastInputIds = tok[0];
        float[] txt;
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(tok[0]), new long[] {1, TXT_LEN});
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(tok[1]), new long[] {1, TXT_LEN});
             OrtSession.Result r = textEncoder.run(Map.of("input_ids", ids, "attention_mask", mask))) {
            txt = floats((OnnxTensor) r.get(0));
        }
        // prc_txt: ids (t, h, w, l) = (0, 0, 0, l)
        long[] txtIds = new long[TXT_LEN * 4];
        for (int l = 0; l < TXT_LEN; l++) {
            txtIds[l * 4 + 3] = l;
        }
        int h = height / 16;
        int w = width / 16;
        // prc_img of the noise: "c h w -> (h w) c", ids (0, i, j, 0)
        List<float[]> tokens = new ArrayList<>();
        List<long[]> ids = new ArrayList<>();
        tokens.add(rearrange(noise, 128, h, w));
        ids.add(gridIds(0, h, w));
        // encode_image_refs(scale=10): each picture on its own, t = 10 + 10 k
        for (int k = 0; k < pictures.size(); k++) {
            BufferedImage p = pictures.get(k);
            float[] latent = encode(p);
            tokens.add(rearrange(latent, 128, p.getHeight() / 16, p.getWidth() / 16));
            ids.add(gridIds(10 + 10 * k, p.getHeight() / 16, p.getWidth() / 16));
        }
        float[] x = tokens.getFirst().clone();
        float[] refs = concat(tokens.subList(1, tokens.size()));
        long[] allIds = concatLongs(ids);
        int s = allIds.length / 4;
        double[] timesteps = schedule(steps, h * w);
        for (int i = 0; i < steps; i++) {
            float[] input = Arrays.copyOf(x, s * 128);
            System.arraycopy(refs, 0, input, x.length, refs.length);
            float[] pred;
            try (OnnxTensor hs = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, s, 128});
                 OnnxTensor ehs = OnnxTensor.createTensor(env, FloatBuffer.wrap(txt), new long[] {1, TXT_LEN, 7680});
                 OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) timesteps[i]}),
                         new long[] {1});
                 OnnxTensor ii = OnnxTensor.createTensor(env, LongBuffer.wrap(allIds), new long[] {1, s, 4});
                 OnnxTensor ti = OnnxTensor.createTensor(env, LongBuffer.wrap(txtIds), new long[] {1, TXT_LEN, 4});
                 OrtSession.Result r = transformer.run(Map.of("hidden_states", hs, "encoder_hidden_states", ehs,
                         "timestep", ts, "img_ids", ii, "txt_ids", ti))) {
                pred = floats((OnnxTensor) r.get(0));
            }
            // pred = pred[:, :img.shape[1]]; img = img + (t_prev - t_curr) * pred
            double dt = timesteps[i + 1] - timesteps[i];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (x[k] + dt * pred[k]);
            }
        }
        float[] latents = new float[x.length];
        for (int n = 0; n < h * w; n++) {
            for (int c = 0; c < 128; c++) {
                latents[c * h * w + n] = x[n * 128 + c];
            }
        }
        float[] image;
        try (OnnxTensor z = OnnxTensor.createTensor(env, FloatBuffer.wrap(latents), new long[] {1, 128, h, w});
             OrtSession.Result r = vaeDecoder.run(Map.of("latents", z))) {
            image = floats((OnnxTensor) r.get(0));
        }
        int plane = width * height;
        int[][] rgb = new int[3][plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                double v = Math.max(-1, Math.min(1, image[c * plane + i]));
                rgb[c][i] = (int) Math.round(127.5 * (v + 1.0));
            }
        }
        return new Output(latents, rgb);
    }

    private float[] encode(BufferedImage picture) throws Exception {
        int w = picture.getWidth();
        int h = picture.getHeight();
        float[] px = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = picture.getRGB(x, y);
                // to_tensor then 2x - 1
                px[y * w + x] = (rgb >> 16 & 0xFF) / 127.5f - 1f;
                px[w * h + y * w + x] = (rgb >> 8 & 0xFF) / 127.5f - 1f;
                px[2 * w * h + y * w + x] = (rgb & 0xFF) / 127.5f - 1f;
            }
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(px), new long[] {1, 3, h, w});
             OrtSession.Result r = vaeEncoder.run(Map.of("image", t))) {
            return floats((OnnxTensor) r.get(0));
        }
    }

    private static float[] rearrange(float[] chw, int c, int h, int w) {
        float[] out = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int n = 0; n < h * w; n++) {
                out[n * c + ch] = chw[ch * h * w + n];
            }
        }
        return out;
    }

    /** cartesian_prod(t, arange(h), arange(w), arange(1)). */
    private static long[] gridIds(long t, int h, int w) {
        long[] ids = new long[h * w * 4];
        int k = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                ids[k++] = t;
                ids[k++] = i;
                ids[k++] = j;
                ids[k++] = 0;
            }
        }
        return ids;
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static long[] concatLongs(List<long[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        long[] out = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() throws Exception {
        textEncoder.close();
        transformer.close();
        vaeEncoder.close();
        vaeDecoder.close();
        tokenizer.close();
    }
}

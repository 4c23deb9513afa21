package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The four graphs of the klein stand-in: exactly the published export's tensor names, types and ranks
 * ({@link KleinPackage.Graph}), small seeded weights, cheap on a CPU. The text encoder's projection is one
 * 4-bit {@code MatMulNBits} of ONNX Runtime's {@code com.microsoft} domain, as the published int4/int8 export's
 * are, so the contrib path runs in every test. They compute nothing meaningful.
 */
final class StandInKleinModels {

    static final String EXTERNAL_DATA = "weights.onnx_data";
    /** Token ids are reduced modulo this before the embedding lookup. */
    static final int EMBEDDING_ROWS = 256;
    static final int EMBEDDING_WIDTH = 32;
    /** MatMulNBits block: 32 values of 4 bits per block. */
    static final int QUANT_BLOCK = 32;
    static final int QUANT_BITS = 4;

    private static final String DOC = "KontextBot STAND-IN model: small random weights, not FLUX.2 [klein].";
    private static final int D = KleinPackage.TOKEN_DIM;

    private final long seed;

    StandInKleinModels(long seed) {
        this.seed = seed;
    }

    /**
     * input_ids, attention_mask int64 [1,512] -> prompt_embeds [1,512,7680]:
     * {@code tanh(MatMulNBits(table[ids mod 256] * mask, W4))}; padded rows come out as zeros.
     */
    void writeTextEncoder(Path file) throws IOException {
        int k = EMBEDDING_WIDTH;
        int n = KleinPackage.TEXT_DIM;
        int blocks = k / QUANT_BLOCK;
        byte[] quantised = bytes("text.w4", n * blocks * QUANT_BLOCK * QUANT_BITS / 8);
        float[] scales = uniform("text.scales", n * blocks, 0.05);
        for (int i = 0; i < scales.length; i++) {
            scales[i] = Math.abs(scales[i]) + 0.02f;
        }
        new OnnxGraphBuilder("klein_text_encoder_stand_in")
                .opset(GraphSummary.CONTRIB_DOMAIN, 1)
                .input("input_ids", DataType.INT64, 1L, (long) KleinPackage.TEXT_TOKENS)
                .input("attention_mask", DataType.INT64, 1L, (long) KleinPackage.TEXT_TOKENS)
                .output("prompt_embeds", DataType.FLOAT, 1L, (long) KleinPackage.TEXT_TOKENS, (long) n)
                .int64s("rows", new long[] {EMBEDDING_ROWS})
                .int64s("axis_2", new long[] {2}, 1)
                .weight("token_table", uniform("text.token_table", EMBEDDING_ROWS * k, 1.0), EMBEDDING_ROWS, k)
                .rawWeight("w4", OnnxElementType.UINT8, quantised, n, blocks, QUANT_BLOCK * QUANT_BITS / 8)
                .weight("w4_scales", scales, (long) n * blocks)
                .node("Mod", List.of("input_ids", "rows"), "row")                                  // [1,512]
                .node("Gather", List.of("token_table", "row"), "embedded", integer("axis", 0))     // [1,512,32]
                .node("Cast", List.of("attention_mask"), "mask", integer("to", DataType.FLOAT.getNumber()))
                .node("Unsqueeze", List.of("mask", "axis_2"), "mask3")                              // [1,512,1]
                .node("Mul", List.of("embedded", "mask3"), "masked")                                // [1,512,32]
                .domainNode(GraphSummary.CONTRIB_DOMAIN, "MatMulNBits", List.of("masked", "w4", "w4_scales"),
                        "projected", integer("K", k), integer("N", n), integer("bits", QUANT_BITS),
                        integer("block_size", QUANT_BLOCK))                                         // [1,512,7680]
                .node("Tanh", List.of("projected"), "prompt_embeds")
                .write(file, EXTERNAL_DATA, DOC);
    }

    /**
     * hidden_states [1,S,128], encoder_hidden_states [1,512,7680], timestep [1], img_ids int64 [1,S,4],
     * txt_ids int64 [1,512,4] -> noise_pred [1,S,128]. Every input reaches every output token, the reference
     * tokens and their ids included (through means over all S tokens), and each term is bounded:
     *
     * <pre>
     * noise_pred = tanh(x @ Wh) * (0.5 + timestep)
     *            + 0.5 * tanh(mean_S(x) @ Wm + mean_512(text) @ Wt + mean_512(txt_ids) @ Wx)
     *            + 0.1 * sin(0.05 img_ids @ Wi) + 0.3 * mean_S(sin(0.05 img_ids @ Wi))
     * </pre>
     * Wt (7680x128) lives in the external data file, as the real weights do.
     */
    void writeTransformer(Path file) throws IOException {
        long text = KleinPackage.TEXT_TOKENS;
        long dim = KleinPackage.TEXT_DIM;
        long axes = KleinPackage.ID_AXES;
        new OnnxGraphBuilder("klein_transformer_stand_in")
                .input("hidden_states", DataType.FLOAT, 1L, "S", (long) D)
                .input("encoder_hidden_states", DataType.FLOAT, 1L, text, dim)
                .input("timestep", DataType.FLOAT, 1L)
                .input("img_ids", DataType.INT64, 1L, "S", axes)
                .input("txt_ids", DataType.INT64, 1L, text, axes)
                .output("noise_pred", DataType.FLOAT, 1L, "S", (long) D)
                .weight("w_hidden", uniform("t.w_hidden", D * D, 1.0 / Math.sqrt(D)), D, D)
                .weight("w_mix", uniform("t.w_mix", D * D, 1.0 / Math.sqrt(D)), D, D)
                .externalWeight("w_text", uniform("t.w_text", (int) dim * D, 1.0 / Math.sqrt(dim)), dim, D)
                .weight("w_img_ids", uniform("t.w_img_ids", (int) axes * D, 1.0), axes, D)
                .weight("w_txt_ids", uniform("t.w_txt_ids", (int) axes * D, 0.05), axes, D)
                .scalar("half", 0.5f)
                .scalar("tenth", 0.1f)
                .scalar("id_scale", 0.05f)
                .scalar("mean_id_weight", 0.3f)
                .node("MatMul", List.of("hidden_states", "w_hidden"), "h")                         // [1,S,128]
                .node("Tanh", List.of("h"), "h_t")
                .node("Add", List.of("timestep", "half"), "t_scale")                                // [1]
                .node("Mul", List.of("h_t", "t_scale"), "latent_term")
                .node("ReduceMean", List.of("hidden_states"), "x_mean", ints("axes", 1), integer("keepdims", 1))
                .node("MatMul", List.of("x_mean", "w_mix"), "mix")                                 // [1,1,128]
                .node("ReduceMean", List.of("encoder_hidden_states"), "text_mean", ints("axes", 1),
                        integer("keepdims", 1))                                                     // [1,1,7680]
                .node("MatMul", List.of("text_mean", "w_text"), "text_term")                       // [1,1,128]
                .node("Cast", List.of("txt_ids"), "txt_f", integer("to", DataType.FLOAT.getNumber()))
                .node("ReduceMean", List.of("txt_f"), "txt_mean", ints("axes", 1), integer("keepdims", 1))
                .node("MatMul", List.of("txt_mean", "w_txt_ids"), "txt_term")                      // [1,1,128]
                .node("Add", List.of("mix", "text_term"), "g1")
                .node("Add", List.of("g1", "txt_term"), "g2")
                .node("Tanh", List.of("g2"), "g_t")
                .node("Mul", List.of("g_t", "half"), "global_term")
                .node("Cast", List.of("img_ids"), "img_f", integer("to", DataType.FLOAT.getNumber()))
                .node("Mul", List.of("img_f", "id_scale"), "img_scaled")                           // [1,S,4]
                .node("MatMul", List.of("img_scaled", "w_img_ids"), "pos")                         // [1,S,128]
                .node("Sin", List.of("pos"), "pos_s")
                .node("Mul", List.of("pos_s", "tenth"), "pos_term")
                .node("ReduceMean", List.of("pos_s"), "pos_mean", ints("axes", 1), integer("keepdims", 1))
                .node("Mul", List.of("pos_mean", "mean_id_weight"), "pos_mean_term")               // [1,1,128]
                .node("Add", List.of("latent_term", "global_term"), "a1")
                .node("Add", List.of("a1", "pos_term"), "a2")
                .node("Add", List.of("a2", "pos_mean_term"), "noise_pred")
                .write(file, EXTERNAL_DATA, DOC);
    }

    /** image [1,3,H,W] -> latents [1,128,H/16,W/16]: 16x16 average, a 1x1 convolution to 128 channels, tanh. */
    void writeVaeEncoder(Path file) throws IOException {
        new OnnxGraphBuilder("klein_vae_encoder_stand_in")
                .input("image", DataType.FLOAT, 1L, 3L, "H", "W")
                .output("latents", DataType.FLOAT, 1L, (long) D, "h", "w")
                .weight("w_in", uniform("vae.w_in", D * 3, 1.0), D, 3, 1, 1)
                .weight("b_in", uniform("vae.b_in", D, 0.2), D)
                .node("AveragePool", List.of("image"), "pooled", ints("kernel_shape", 16, 16),
                        ints("strides", 16, 16))                                                    // [1,3,h,w]
                .node("Conv", List.of("pooled", "w_in", "b_in"), "conv")                           // [1,128,h,w]
                .node("Tanh", List.of("conv"), "latents")
                .write(file, EXTERNAL_DATA, DOC);
    }

    /** latents [1,128,h,w] -> image [1,3,16h,16w]: a 1x1 convolution to 3 channels, nearest 16x upscale, tanh. */
    void writeVaeDecoder(Path file) throws IOException {
        new OnnxGraphBuilder("klein_vae_decoder_stand_in")
                .input("latents", DataType.FLOAT, 1L, (long) D, "h", "w")
                .output("image", DataType.FLOAT, 1L, 3L, "H", "W")
                .weight("w_out", uniform("vae.w_out", 3 * D, 1.0 / Math.sqrt(D)), 3, D, 1, 1)
                .weight("scales", new float[] {1, 1, 16, 16}, 4)
                .node("Conv", List.of("latents", "w_out"), "rgb")                                  // [1,3,h,w]
                .node("Resize", List.of("rgb", "", "scales"), "up", OnnxGraphBuilder.string("mode", "nearest"))
                .node("Tanh", List.of("up"), "image")                                              // [1,3,16h,16w]
                .write(file, EXTERNAL_DATA, DOC);
    }

    private float[] uniform(String tensor, int count, double std) {
        return StandInModels.uniform(seed, tensor, count, std);
    }

    private byte[] bytes(String tensor, int count) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + tensor.hashCode());
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) random.nextInt(256);
        }
        return values;
    }
}

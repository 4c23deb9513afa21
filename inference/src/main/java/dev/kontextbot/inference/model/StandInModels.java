package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.ints;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.string;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The five ONNX graphs of the stand-in package: the real tensor names, ranks, sizes and dynamic axes of the
 * Kontext release, with a few small seeded weights each, so that the whole pipeline runs on a CPU in
 * milliseconds per step. They compute nothing meaningful.
 *
 * <p>All tensors are float32 except the int64 {@code input_ids}. The real release differs (int32 ids, bf16
 * activations), which is why the engine reads every element type from its session instead of assuming one.
 */
final class StandInModels {

    static final String EXTERNAL_DATA = "backbone.onnx_data";

    static final int CLIP_LENGTH = 77;
    static final int CLIP_HIDDEN = 768;
    static final int T5_LENGTH = 512;
    static final int T5_HIDDEN = 4096;
    static final int TOKEN_DIM = 64;
    static final int LATENT_CHANNELS = 16;
    /** The encoder returns mean and log-variance, as an export of the whole posterior does. */
    static final int ENCODER_CHANNELS = 2 * LATENT_CHANNELS;
    static final int VAE_FACTOR = 8;
    static final int ID_AXES = 3;
    /** Token ids are reduced modulo this before the embedding lookup, so any vocabulary fits a small table. */
    static final int EMBEDDING_ROWS = 256;

    private static final String DOC = "KontextBot STAND-IN model: small random weights, not FLUX.1 Kontext.";

    private final long seed;

    StandInModels(long seed) {
        this.seed = seed;
    }

    /**
     * CLIP: input_ids [B,77] int64 -> text_embeddings [B,77,768], pooled_embeddings [B,768] (the mean over
     * tokens; the real model takes the end token's state).
     */
    void writeClip(Path modelFile) throws IOException {
        int width = 32;
        new OnnxGraphBuilder("clip_stand_in")
                .input("input_ids", DataType.INT64, "B", (long) CLIP_LENGTH)
                .output("text_embeddings", DataType.FLOAT, "B", (long) CLIP_LENGTH, (long) CLIP_HIDDEN)
                .output("pooled_embeddings", DataType.FLOAT, "B", (long) CLIP_HIDDEN)
                .int64s("rows", new long[] {EMBEDDING_ROWS})
                .weight("token_table", uniform("clip.token_table", EMBEDDING_ROWS * width, 1.0),
                        EMBEDDING_ROWS, width)
                .weight("projection", uniform("clip.projection", width * CLIP_HIDDEN, 1.0 / Math.sqrt(width)),
                        width, CLIP_HIDDEN)
                .node("Mod", List.of("input_ids", "rows"), "row")                      // [B,77]
                .node("Gather", List.of("token_table", "row"), "embedded", integer("axis", 0)) // [B,77,32]
                .node("MatMul", List.of("embedded", "projection"), "projected")         // [B,77,768]
                .node("Tanh", List.of("projected"), "text_embeddings")                  // [B,77,768]
                .node("ReduceMean", List.of("text_embeddings"), "pooled_embeddings",
                        ints("axes", 1), integer("keepdims", 0))                         // [B,768]
                .write(modelFile, EXTERNAL_DATA, DOC);
    }

    /** T5: input_ids [B,512] int64 -> text_embeddings [B,512,4096]; the projection is external data. */
    void writeT5(Path modelFile) throws IOException {
        new OnnxGraphBuilder("t5_stand_in")
                .input("input_ids", DataType.INT64, "B", (long) T5_LENGTH)
                .output("text_embeddings", DataType.FLOAT, "B", (long) T5_LENGTH, (long) T5_HIDDEN)
                .int64s("rows", new long[] {EMBEDDING_ROWS})
                .weight("token_table", uniform("t5.token_table", EMBEDDING_ROWS * TOKEN_DIM, 1.0),
                        EMBEDDING_ROWS, TOKEN_DIM)
                .externalWeight("projection",
                        uniform("t5.projection", TOKEN_DIM * T5_HIDDEN, 1.0 / Math.sqrt(TOKEN_DIM)),
                        TOKEN_DIM, T5_HIDDEN)
                .node("Mod", List.of("input_ids", "rows"), "row")                      // [B,512]
                .node("Gather", List.of("token_table", "row"), "embedded", integer("axis", 0)) // [B,512,64]
                .node("MatMul", List.of("embedded", "projection"), "projected")         // [B,512,4096]
                .node("Tanh", List.of("projected"), "text_embeddings")
                .write(modelFile, EXTERNAL_DATA, DOC);
    }

    /**
     * Transformer: every input reaches the output, and every term is bounded, so 28 Euler steps over a
     * sigma range of 1 move a latent by at most about 2.6:
     *
     * <pre>
     * latent = tanh(hidden_states @ Wh) * (0.5 + timestep)
     *        + 0.5 * tanh(mean_tokens(encoder_hidden_states) @ Wt + pooled_projections @ Wp) * tanh(0.2 * guidance)
     *        + 0.1 * sin(img_ids @ Wi) + 0.1 * tanh(mean_rows(txt_ids) @ Wx)
     * </pre>
     *
     * Two MatMuls carry the cost ([S,64]x[64,64] and the [512,4096] mean), a few ms at S = 8192.
     * Wt and Wp live in the external data file, as the real weights do.
     */
    void writeTransformer(Path modelFile) throws IOException {
        new OnnxGraphBuilder("transformer_stand_in")
                .input("hidden_states", DataType.FLOAT, "B", "latent_dim", (long) TOKEN_DIM)
                .input("encoder_hidden_states", DataType.FLOAT, "B", (long) T5_LENGTH, (long) T5_HIDDEN)
                .input("pooled_projections", DataType.FLOAT, "B", (long) CLIP_HIDDEN)
                .input("timestep", DataType.FLOAT, "B")
                .input("img_ids", DataType.FLOAT, "latent_dim", (long) ID_AXES)
                .input("txt_ids", DataType.FLOAT, (long) T5_LENGTH, (long) ID_AXES)
                .input("guidance", DataType.FLOAT, "B")
                .output("latent", DataType.FLOAT, "B", "latent_dim", (long) TOKEN_DIM)
                .weight("w_hidden", uniform("transformer.w_hidden", TOKEN_DIM * TOKEN_DIM,
                        1.0 / Math.sqrt(TOKEN_DIM)), TOKEN_DIM, TOKEN_DIM)
                .externalWeight("w_text", uniform("transformer.w_text", T5_HIDDEN * TOKEN_DIM,
                        1.0 / Math.sqrt(T5_HIDDEN)), T5_HIDDEN, TOKEN_DIM)
                .externalWeight("w_pooled", uniform("transformer.w_pooled", CLIP_HIDDEN * TOKEN_DIM,
                        1.0 / Math.sqrt(CLIP_HIDDEN)), CLIP_HIDDEN, TOKEN_DIM)
                .weight("w_img_ids", uniform("transformer.w_img_ids", ID_AXES * TOKEN_DIM, 0.5),
                        ID_AXES, TOKEN_DIM)
                .weight("w_txt_ids", uniform("transformer.w_txt_ids", ID_AXES * TOKEN_DIM, 0.5),
                        ID_AXES, TOKEN_DIM)
                .int64s("axes_1", new long[] {1}, 1)
                .int64s("axes_1_2", new long[] {1, 2}, 2)
                .scalar("half", 0.5f)
                .scalar("fifth", 0.2f)
                .scalar("tenth", 0.1f)
                // the latent term, scaled by the timestep
                .node("MatMul", List.of("hidden_states", "w_hidden"), "h")                     // [B,S,64]
                .node("Tanh", List.of("h"), "h_bounded")                                         // [B,S,64]
                .node("Unsqueeze", List.of("timestep", "axes_1_2"), "t3")                        // [B,1,1]
                .node("Add", List.of("t3", "half"), "t_scale")                                   // [B,1,1]
                .node("Mul", List.of("h_bounded", "t_scale"), "latent_term")                     // [B,S,64]
                // the text condition, gated by the guidance
                .node("ReduceMean", List.of("encoder_hidden_states"), "txt_mean",
                        ints("axes", 1), integer("keepdims", 1))                                 // [B,1,4096]
                .node("MatMul", List.of("txt_mean", "w_text"), "txt_proj")                       // [B,1,64]
                .node("Unsqueeze", List.of("pooled_projections", "axes_1"), "pooled3")           // [B,1,768]
                .node("MatMul", List.of("pooled3", "w_pooled"), "pooled_proj")                   // [B,1,64]
                .node("Add", List.of("txt_proj", "pooled_proj"), "cond_raw")                     // [B,1,64]
                .node("Tanh", List.of("cond_raw"), "cond")                                       // [B,1,64]
                .node("Unsqueeze", List.of("guidance", "axes_1_2"), "g3")                        // [B,1,1]
                .node("Mul", List.of("g3", "fifth"), "g_scaled")                                 // [B,1,1]
                .node("Tanh", List.of("g_scaled"), "g_gate")                                     // [B,1,1]
                .node("Mul", List.of("cond", "g_gate"), "cond_gated")                            // [B,1,64]
                .node("Mul", List.of("cond_gated", "half"), "cond_term")                         // [B,1,64]
                // the position terms
                .node("MatMul", List.of("img_ids", "w_img_ids"), "img_proj")                     // [S,64]
                .node("Sin", List.of("img_proj"), "img_wave")                                    // [S,64]
                .node("Mul", List.of("img_wave", "tenth"), "img_term")                           // [S,64]
                .node("ReduceMean", List.of("txt_ids"), "txt_ids_mean",
                        ints("axes", 0), integer("keepdims", 1))                                 // [1,3]
                .node("MatMul", List.of("txt_ids_mean", "w_txt_ids"), "txt_ids_proj")            // [1,64]
                .node("Tanh", List.of("txt_ids_proj"), "txt_ids_wave")                           // [1,64]
                .node("Mul", List.of("txt_ids_wave", "tenth"), "txt_ids_term")                   // [1,64]
                .node("Add", List.of("latent_term", "cond_term"), "sum1")                        // [B,S,64]
                .node("Add", List.of("sum1", "img_term"), "sum2")                                // [B,S,64]
                .node("Add", List.of("sum2", "txt_ids_term"), "latent")                          // [B,S,64]
                .write(modelFile, EXTERNAL_DATA, DOC);
    }

    /** VAE encoder: images [B,3,H,W] -> latent [B,32,H/8,W/8] by one strided 8x8 convolution. */
    void writeVaeEncoder(Path modelFile) throws IOException {
        encoderConvolution(new OnnxGraphBuilder("vae_encoder_stand_in")
                .output("latent", DataType.FLOAT, "B", (long) ENCODER_CHANNELS, "H/8", "W/8"), "latent")
                .write(modelFile, EXTERNAL_DATA, DOC);
    }

    /**
     * The VAE encoder as NVIDIA's exporter writes it (kontext-pipeline.md §4.5): the same convolution to the
     * posterior's moments [B,32,H/8,W/8], then a sample {@code mean + exp(logvar/2) * RandomNormalLike(mean)}
     * [B,16,H/8,W/8]. With the random node's scale set to 0 it returns the mean of {@link #writeVaeEncoder}.
     */
    void writeSamplingVaeEncoder(Path modelFile) throws IOException {
        encoderConvolution(new OnnxGraphBuilder("vae_encoder_sampling_stand_in")
                .output("latent", DataType.FLOAT, "B", (long) LATENT_CHANNELS, "H/8", "W/8"), "moments")
                .int64s("mean_start", new long[] {0}, 1)
                .int64s("split", new long[] {LATENT_CHANNELS}, 1)
                .int64s("moments_end", new long[] {ENCODER_CHANNELS}, 1)
                .int64s("channel_axis", new long[] {1}, 1)
                .scalar("half", 0.5f)
                .node("Slice", List.of("moments", "mean_start", "split", "channel_axis"), "mean")      // [B,16,h,w]
                .node("Slice", List.of("moments", "split", "moments_end", "channel_axis"), "logvar")   // [B,16,h,w]
                .node("Mul", List.of("logvar", "half"), "half_logvar")
                .node("Exp", List.of("half_logvar"), "std")
                .node("RandomNormalLike", List.of("mean"), "noise")                                    // [B,16,h,w]
                .node("Mul", List.of("std", "noise"), "scaled_noise")
                .node("Add", List.of("mean", "scaled_noise"), "latent")
                .write(modelFile, EXTERNAL_DATA, DOC);
    }

    /** The encoders' input and their one strided 8x8 convolution to the moments [B,32,H/8,W/8], named {@code out}. */
    private OnnxGraphBuilder encoderConvolution(OnnxGraphBuilder g, String out) {
        int fanIn = 3 * VAE_FACTOR * VAE_FACTOR;
        return g.input("images", DataType.FLOAT, "B", 3L, "H", "W")
                .weight("w", uniform("vae_encoder.w", ENCODER_CHANNELS * fanIn, 1.0 / Math.sqrt(fanIn)),
                        ENCODER_CHANNELS, 3, VAE_FACTOR, VAE_FACTOR)
                .weight("b", uniform("vae_encoder.b", ENCODER_CHANNELS, 0.1), ENCODER_CHANNELS)
                .node("Conv", List.of("images", "w", "b"), out,
                        ints("kernel_shape", VAE_FACTOR, VAE_FACTOR), ints("strides", VAE_FACTOR, VAE_FACTOR));
    }

    /** VAE decoder: latent [B,16,h,w] -> 1x1 conv to 3*64 channels -> DepthToSpace(8) -> images [B,3,8h,8w]. */
    void writeVaeDecoder(Path modelFile) throws IOException {
        int outChannels = 3 * VAE_FACTOR * VAE_FACTOR;
        new OnnxGraphBuilder("vae_decoder_stand_in")
                .input("latent", DataType.FLOAT, "B", (long) LATENT_CHANNELS, "h", "w")
                .output("images", DataType.FLOAT, "B", 3L, "8h", "8w")
                .weight("w", uniform("vae.w", outChannels * LATENT_CHANNELS, 1.0 / Math.sqrt(LATENT_CHANNELS)),
                        outChannels, LATENT_CHANNELS, 1, 1)
                .weight("b", uniform("vae.b", outChannels, 0.1), outChannels)
                .node("Conv", List.of("latent", "w", "b"), "features")                           // [B,192,h,w]
                .node("DepthToSpace", List.of("features"), "pixels",
                        integer("blocksize", VAE_FACTOR), string("mode", "CRD"))                  // [B,3,8h,8w]
                .node("Tanh", List.of("pixels"), "images")
                .write(modelFile, EXTERNAL_DATA, DOC);
    }

    /**
     * Uniform weights in [-limit, limit] with the given standard deviation, from SplittableRandom, whose
     * algorithm is specified: the same seed gives the same package on every machine.
     */
    private float[] uniform(String tensor, int count, double std) {
        return uniform(seed, tensor, count, std);
    }

    static float[] uniform(long seed, String tensor, int count, double std) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + tensor.hashCode());
        double limit = std * Math.sqrt(3.0);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2.0 - 1.0) * limit);
        }
        return values;
    }
}

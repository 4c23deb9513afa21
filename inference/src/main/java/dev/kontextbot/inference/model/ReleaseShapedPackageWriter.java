package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.OnnxElementType.BFLOAT16;
import static dev.kontextbot.inference.model.OnnxElementType.FLOAT;
import static dev.kontextbot.inference.model.OnnxElementType.FLOAT16;
import static dev.kontextbot.inference.model.OnnxElementType.FLOAT4E2M1;
import static dev.kontextbot.inference.model.OnnxElementType.INT32;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;

import dev.kontextbot.inference.InferenceException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in shaped like the published FLUX.1 Kontext [dev] ONNX release, for checks and tests of what the release
 * does differently from the float32 stand-in: int32 token ids, an fp16 CLIP, a bf16 T5, a transformer that computes
 * in bf16 (only a GPU can run it) in {@code transformer.opt/bf16}, an fp4 transformer with a TensorRT custom-op node
 * and float4 weights in {@code transformer.opt/fp4}, and the Depth repo's VAE whose encoder samples. The big weights
 * are release-sized holes in sparse external data files (about 35 GB declared, next to nothing on disk): the package
 * is for static checks and memory plans; only its VAE and tokenizers run.
 */
public final class ReleaseShapedPackageWriter {

    /** Transformer parameters (kontext-pipeline.md §5.1), laid out as one [3072, n] tensor. */
    static final long TRANSFORMER_PARAMS = 11_901_408_320L;
    /** T5-XXL encoder parameters (about 4.76 B; §5.1 gives 4.7 B as an estimate). */
    static final long T5_PARAMS = 4_762_000_000L;
    private static final long HIDDEN = 3072;
    private static final String DOC = "KontextBot RELEASE-SHAPED STAND-IN: release types and sizes, no real weights.";

    /** Writes the package into {@code dir} (created if needed). */
    public void write(Path dir, long seed) throws InferenceException {
        StandInModels small = new StandInModels(seed);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ModelPackage.STAND_IN_MARKER), """
                    RELEASE-SHAPED STAND-IN - NOT FLUX.1 Kontext

                    Written by KontextBot for checks and tests: the file layout, tensor types and weight sizes of
                    the FLUX.1 Kontext [dev] ONNX release (bf16, fp4 with TensorRT operators, the Depth repo's
                    sampling VAE encoder), but the big weights are empty holes in sparse files. Only the VAE and
                    the tokenizers run; the transformer and the text encoders are for static checks only.
                    """, StandardCharsets.UTF_8);
            writeClip(dir.resolve("clip.opt").resolve(ModelPackage.MODEL_FILE));
            writeT5(dir.resolve("t5.opt").resolve(ModelPackage.MODEL_FILE));
            writeTransformer(dir.resolve("transformer.opt/bf16").resolve(ModelPackage.MODEL_FILE), false);
            writeTransformer(dir.resolve("transformer.opt/fp4").resolve(ModelPackage.MODEL_FILE), true);
            small.writeSamplingVaeEncoder(dir.resolve("vae_encoder.opt").resolve(ModelPackage.MODEL_FILE));
            small.writeVaeDecoder(dir.resolve("vae.opt").resolve(ModelPackage.MODEL_FILE));
            StandInPackageWriter.writeTokenizers(dir);
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "could not write the release-shaped package to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** CLIP in fp16 with int32 ids, as NVIDIA exports it now. */
    private static void writeClip(Path file) throws IOException {
        new OnnxGraphBuilder("clip_release_shaped")
                .input("input_ids", INT32, "B", 77L)
                .output("text_embeddings", FLOAT16, "B", 77L, 768L)
                .output("pooled_embeddings", FLOAT16, "B", 768L)
                .rawWeight("token_table", FLOAT16, new byte[256 * 768 * 2], 256, 768)
                .node("Gather", List.of("token_table", "input_ids"), "text_embeddings", integer("axis", 0)) // [B,77,768]
                .node("ReduceMax", List.of("text_embeddings"), "pooled_embeddings",
                        OnnxGraphBuilder.ints("axes", 1), integer("keepdims", 0))                           // [B,768]
                .write(file, StandInModels.EXTERNAL_DATA, DOC);
    }

    /** T5 in bf16 with int32 ids; its 9.5 GB of weights are a hole in backbone.onnx_data. */
    private static void writeT5(Path file) throws IOException {
        new OnnxGraphBuilder("t5_release_shaped")
                .input("input_ids", INT32, "B", 512L)
                .output("text_embeddings", BFLOAT16, "B", 512L, 4096L)
                .reservedWeight("encoder_weights", BFLOAT16, 4096, T5_PARAMS / 4096)
                .rawWeight("token_table", BFLOAT16, new byte[256 * 4096 * 2], 256, 4096)
                .node("Gather", List.of("token_table", "input_ids"), "text_embeddings", integer("axis", 0))
                .write(file, StandInModels.EXTERNAL_DATA, DOC);
    }

    /**
     * The transformer with bf16 inputs and a bf16 MatMul (which ONNX Runtime's CPU provider cannot load), or the fp4
     * variant: float4 weights and one node of TensorRT's {@code trt} domain.
     */
    private static void writeTransformer(Path file, boolean fp4) throws IOException {
        OnnxGraphBuilder g = new OnnxGraphBuilder(fp4 ? "transformer_fp4_release_shaped" : "transformer_bf16_release_shaped")
                .input("hidden_states", BFLOAT16, "B", "latent_dim", 64L)
                .input("encoder_hidden_states", BFLOAT16, "B", 512L, 4096L)
                .input("pooled_projections", BFLOAT16, "B", 768L)
                .input("timestep", BFLOAT16, "B")
                .input("img_ids", FLOAT, "latent_dim", 3L)
                .input("txt_ids", FLOAT, 512L, 3L)
                .input("guidance", FLOAT, "B")
                .output("latent", BFLOAT16, "B", "latent_dim", 64L)
                .rawWeight("proj_out", BFLOAT16, new byte[64 * 64 * 2], 64, 64);
        if (fp4) {
            // SVDQuant: 4-bit weights plus a bf16 low-rank branch (rank 32) per linear layer.
            g.reservedWeight("blocks_fp4", FLOAT4E2M1, HIDDEN, TRANSFORMER_PARAMS / HIDDEN)
                    .reservedWeight("blocks_low_rank", BFLOAT16, HIDDEN, 32L * 1_000)
                    .opset(GraphSummary.TRT_DOMAIN, 1)
                    .customNode(GraphSummary.TRT_DOMAIN, "TRT_FP4DynamicQuantize", List.of("hidden_states"), "quantized")
                    .node("MatMul", List.of("quantized", "proj_out"), "latent");                        // [B,S,64]
        } else {
            g.reservedWeight("blocks", BFLOAT16, HIDDEN, TRANSFORMER_PARAMS / HIDDEN)
                    .node("MatMul", List.of("hidden_states", "proj_out"), "latent");                    // [B,S,64]
        }
        g.write(file, StandInModels.EXTERNAL_DATA, DOC);
    }

}

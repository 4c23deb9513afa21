package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;
import static dev.kontextbot.inference.model.OnnxElementType.FLOAT;
import static dev.kontextbot.inference.model.OnnxElementType.INT64;
import static dev.kontextbot.inference.model.OnnxElementType.UINT8;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.text.StandInTokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A package shaped like the published FLUX.2 [klein] export ({@value KleinPackage#REPO}) for {@code models check} and
 * {@code models plan}: its file names, tensor names and types, an int4 text encoder and an int8 transformer as
 * {@code MatMulNBits} of those bit widths with their weights at about the published sizes, but as holes in sparse
 * external data files, and a {@code config.json} beside them. The text encoder and the transformer are for static
 * checks only; nothing here is meant to run.
 */
public final class KleinReleaseShapedWriter {

    /** Qwen3-4B's parameters and the klein 4B transformer's, about. */
    static final long TEXT_PARAMS = 4_000_000_000L;
    static final long TRANSFORMER_PARAMS = 4_000_000_000L;
    static final long BLOCK = 32;
    private static final String DOC = "KontextBot RELEASE-SHAPED klein: published interface, no real weights.";

    public void write(Path dir, long seed) throws InferenceException {
        StandInKleinModels small = new StandInKleinModels(seed);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ModelPackage.STAND_IN_MARKER), """
                    RELEASE-SHAPED STAND-IN - NOT FLUX.2 [klein] 4B

                    Written by KontextBot for checks and plans: the file names, tensor interface, quantisation
                    (int4 text encoder, int8 transformer, MatMulNBits) and about the weight sizes of the published
                    export, but the big weights are holes in sparse files. It does not run.
                    """, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("config.json"), "{\"model\": \"FLUX.2-klein-4B\"}\n");
            quantised(dir.resolve(KleinPackage.Graph.TEXT_ENCODER.file()), 4, TEXT_PARAMS, true);
            quantised(dir.resolve(KleinPackage.Graph.TRANSFORMER.file()), 8, TRANSFORMER_PARAMS, false);
            small.writeVaeEncoder(dir.resolve(KleinPackage.Graph.VAE_ENCODER.file()));
            small.writeVaeDecoder(dir.resolve(KleinPackage.Graph.VAE_DECODER.file()));
            StandInTokenizerFiles.writeQwen3(dir.resolve(KleinPackage.TOKENIZER).getParent());
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "could not write the release-shaped klein package to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One graph with the published interface and one MatMulNBits of {@code bits} over {@code params} weights. */
    private static void quantised(Path file, int bits, long params, boolean textEncoder) throws IOException {
        long n = 3072;
        long k = params / n / BLOCK * BLOCK;
        OnnxGraphBuilder g = new OnnxGraphBuilder(textEncoder ? "klein_text_release_shaped"
                : "klein_transformer_release_shaped").opset(GraphSummary.CONTRIB_DOMAIN, 1);
        if (textEncoder) {
            g.input("input_ids", INT64, 1L, 512L).input("attention_mask", INT64, 1L, 512L)
                    .output("prompt_embeds", FLOAT, 1L, 512L, 7680L);
        } else {
            g.input("hidden_states", FLOAT, 1L, "S", 128L).input("encoder_hidden_states", FLOAT, 1L, 512L, 7680L)
                    .input("timestep", FLOAT, 1L).input("img_ids", INT64, 1L, "S", 4L)
                    .input("txt_ids", INT64, 1L, 512L, 4L).output("noise_pred", FLOAT, 1L, "S", 128L);
        }
        g.reservedWeight("blocks_q", UINT8, n, k / BLOCK, BLOCK * bits / 8)
                .reservedWeight("blocks_scales", FLOAT, n * (k / BLOCK))
                .domainNode(GraphSummary.CONTRIB_DOMAIN, "MatMulNBits",
                        List.of(textEncoder ? "input_ids" : "hidden_states", "blocks_q", "blocks_scales"),
                        textEncoder ? "prompt_embeds" : "noise_pred", integer("K", k), integer("N", n),
                        integer("bits", bits), integer("block_size", BLOCK))
                .write(file, textEncoder ? "text_encoder.onnx_data" : "transformer.onnx_data", DOC);
    }
}

package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.TensorSpec.Kind.FLOAT_LIKE;
import static dev.kontextbot.inference.model.TensorSpec.Kind.INT_LIKE;

import dev.kontextbot.inference.InferenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a FLUX.2 [klein] 4B package in the layout of the published ONNX export
 * ({@value #REPO}): four graphs at the root, each possibly with external data beside it, and Qwen3's tokenizer.
 * A {@code config.json} may be there or not; nothing here reads it.
 *
 * <pre>
 * text_encoder.onnx, transformer.onnx, vae_encoder.onnx, vae_decoder.onnx,
 * tokenizer/tokenizer.json, tokenizer/tokenizer_config.json
 * </pre>
 */
public final class KleinPackage {

    /** Where the published export is. */
    public static final String REPO = "hlhc/FLUX.2-klein-4B-onnx";
    public static final String TRANSFORMER = "transformer.onnx";
    public static final String TOKENIZER = "tokenizer/tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer/tokenizer_config.json";
    /** Text tokens the text encoder takes and the transformer attends to. */
    public static final int TEXT_TOKENS = 512;
    /** Qwen3-4B's hidden size 2560 times the three layers concatenated (9, 18, 27). */
    public static final int TEXT_DIM = 7680;
    /** Features per image token: 32 VAE channels patchified 2x2. */
    public static final int TOKEN_DIM = 128;
    /** Position id axes (t, h, w, l). */
    public static final int ID_AXES = 4;
    /** Pixels per latent cell along a side. */
    public static final int LATENT_FACTOR = 16;

    /** The four graphs and the interface each must declare (the published interface). */
    public enum Graph {
        TEXT_ENCODER("text_encoder.onnx", "Qwen3 text encoder",
                List.of(TensorSpec.of("input_ids", INT_LIKE, "1", "512"),
                        TensorSpec.of("attention_mask", INT_LIKE, "1", "512")),
                List.of(TensorSpec.of("prompt_embeds", FLOAT_LIKE, "1", "512", "7680"))),
        TRANSFORMER(KleinPackage.TRANSFORMER, "transformer",
                List.of(TensorSpec.of("hidden_states", FLOAT_LIKE, "1", "S", "128"),
                        TensorSpec.of("encoder_hidden_states", FLOAT_LIKE, "1", "512", "7680"),
                        TensorSpec.of("timestep", FLOAT_LIKE, "1"),
                        TensorSpec.of("img_ids", INT_LIKE, "1", "S", "4"),
                        TensorSpec.of("txt_ids", INT_LIKE, "1", "512", "4")),
                List.of(TensorSpec.of("noise_pred", FLOAT_LIKE, "1", "S", "128"))),
        VAE_ENCODER("vae_encoder.onnx", "VAE encoder",
                List.of(TensorSpec.of("image", FLOAT_LIKE, "1", "3", "H", "W")),
                List.of(TensorSpec.of("latents", FLOAT_LIKE, "1", "128", "H/16", "W/16"))),
        VAE_DECODER("vae_decoder.onnx", "VAE decoder",
                List.of(TensorSpec.of("latents", FLOAT_LIKE, "1", "128", "h", "w")),
                List.of(TensorSpec.of("image", FLOAT_LIKE, "1", "3", "16h", "16w")));

        private final String file;
        private final String plainName;
        private final List<TensorSpec> inputs;
        private final List<TensorSpec> outputs;

        Graph(String file, String plainName, List<TensorSpec> inputs, List<TensorSpec> outputs) {
            this.file = file;
            this.plainName = plainName;
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /** The file name at the package root. */
        public String file() {
            return file;
        }

        public String plainName() {
            return plainName;
        }

        public List<TensorSpec> inputs() {
            return inputs;
        }

        public List<TensorSpec> outputs() {
            return outputs;
        }
    }

    private final Path dir;
    private final boolean standIn;

    private KleinPackage(Path dir, boolean standIn) {
        this.dir = dir;
        this.standIn = standIn;
    }

    /**
     * @throws InferenceException MODEL_PACKAGE naming the first missing file and where to get it
     */
    public static KleinPackage open(Path dir) throws InferenceException {
        for (Graph g : Graph.values()) {
            require(dir, g.file());
        }
        require(dir, TOKENIZER);
        return new KleinPackage(dir, Files.isRegularFile(dir.resolve(ModelPackage.STAND_IN_MARKER)));
    }

    private static void require(Path dir, String relative) throws InferenceException {
        if (!Files.isRegularFile(dir.resolve(relative))) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, missing(dir, relative));
        }
    }

    /** "F is missing in DIR: download it from REPO (see docs/models.md)". */
    public static String missing(Path dir, String relative) {
        return relative + " is missing in " + dir + ": download it from " + REPO + " (see docs/models.md)";
    }

    public Path dir() {
        return dir;
    }

    public boolean isStandIn() {
        return standIn;
    }

    public Path file(Graph graph) {
        return dir.resolve(graph.file());
    }

    public Path tokenizer() {
        return dir.resolve(TOKENIZER);
    }
}

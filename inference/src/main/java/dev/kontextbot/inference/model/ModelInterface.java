package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.TensorSpec.Kind.FLOAT_LIKE;
import static dev.kontextbot.inference.model.TensorSpec.Kind.INT_LIKE;

import java.util.List;

/**
 * The interface the engine expects of each ONNX file: the tensor names and ranks of BFL's Kontext ONNX
 * release and NVIDIA's exporters (kontext-pipeline.md §4). Element types are compared by kind only; the
 * engine reads the exact type of every tensor from its session and converts at the boundary.
 */
public enum ModelInterface {

    CLIP("clip.opt", Repos.KONTEXT,
            List.of(TensorSpec.of("input_ids", INT_LIKE, "B", "77")),
            List.of(TensorSpec.of("text_embeddings", FLOAT_LIKE, "B", "77", "768"),
                    TensorSpec.of("pooled_embeddings", FLOAT_LIKE, "B", "768"))),

    T5("t5.opt", Repos.KONTEXT,
            List.of(TensorSpec.of("input_ids", INT_LIKE, "B", "512")),
            List.of(TensorSpec.of("text_embeddings", FLOAT_LIKE, "B", "512", "4096"))),

    TRANSFORMER("transformer.opt", Repos.KONTEXT,
            List.of(TensorSpec.of("hidden_states", FLOAT_LIKE, "B", "S", "64"),
                    TensorSpec.of("encoder_hidden_states", FLOAT_LIKE, "B", "512", "4096"),
                    TensorSpec.of("pooled_projections", FLOAT_LIKE, "B", "768"),
                    TensorSpec.of("timestep", FLOAT_LIKE, "B"),
                    TensorSpec.of("img_ids", FLOAT_LIKE, "S", "3"),
                    TensorSpec.of("txt_ids", FLOAT_LIKE, "512", "3"),
                    TensorSpec.of("guidance", FLOAT_LIKE, "B")),
            List.of(TensorSpec.of("latent", FLOAT_LIKE, "B", "S", "64"))),

    /** 16 channels, or 32 (mean then log-variance) when the export returns the whole posterior. */
    VAE_ENCODER("vae_encoder.opt", Repos.DEPTH,
            List.of(TensorSpec.of("images", FLOAT_LIKE, "B", "3", "H", "W")),
            List.of(TensorSpec.of("latent", FLOAT_LIKE, "B", "16|32", "H/8", "W/8"))),

    VAE_DECODER("vae.opt", Repos.DEPTH,
            List.of(TensorSpec.of("latent", FLOAT_LIKE, "B", "16", "h", "w")),
            List.of(TensorSpec.of("images", FLOAT_LIKE, "B", "3", "8h", "8w")));

    /** The gated Hugging Face repositories the parts come from (kontext-pipeline.md §4.1). */
    public static final class Repos {
        /** Text encoders and the transformer. */
        public static final String KONTEXT = "black-forest-labs/FLUX.1-Kontext-dev-onnx";
        /** The VAE decoder and encoder: the Kontext repo has none (NVIDIA's demo takes them from here). */
        public static final String DEPTH = "black-forest-labs/FLUX.1-Depth-dev-onnx";
        /** The diffusers repository with the tokenizer folders. */
        public static final String TOKENIZERS = "black-forest-labs/FLUX.1-Kontext-dev";

        private Repos() {
        }
    }

    private final String folder;
    private final String repo;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    ModelInterface(String folder, String repo, List<TensorSpec> inputs, List<TensorSpec> outputs) {
        this.folder = folder;
        this.repo = repo;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** The model's top folder in the package, e.g. {@code transformer.opt}. */
    public String folder() {
        return folder;
    }

    /** The Hugging Face repository this model's folder comes from. */
    public String repo() {
        return repo;
    }

    /** How a person names it: "transformer", "T5 text encoder", ... */
    public String plainName() {
        return switch (this) {
            case CLIP -> "CLIP text encoder";
            case T5 -> "T5 text encoder";
            case TRANSFORMER -> "transformer";
            case VAE_ENCODER -> "VAE encoder";
            case VAE_DECODER -> "VAE decoder";
        };
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }
}

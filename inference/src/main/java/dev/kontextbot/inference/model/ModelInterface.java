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

    CLIP("clip.opt",
            List.of(TensorSpec.of("input_ids", INT_LIKE, "B", "77")),
            List.of(TensorSpec.of("text_embeddings", FLOAT_LIKE, "B", "77", "768"),
                    TensorSpec.of("pooled_embeddings", FLOAT_LIKE, "B", "768"))),

    T5("t5.opt",
            List.of(TensorSpec.of("input_ids", INT_LIKE, "B", "512")),
            List.of(TensorSpec.of("text_embeddings", FLOAT_LIKE, "B", "512", "4096"))),

    TRANSFORMER("transformer.opt",
            List.of(TensorSpec.of("hidden_states", FLOAT_LIKE, "B", "S", "64"),
                    TensorSpec.of("encoder_hidden_states", FLOAT_LIKE, "B", "512", "4096"),
                    TensorSpec.of("pooled_projections", FLOAT_LIKE, "B", "768"),
                    TensorSpec.of("timestep", FLOAT_LIKE, "B"),
                    TensorSpec.of("img_ids", FLOAT_LIKE, "S", "3"),
                    TensorSpec.of("txt_ids", FLOAT_LIKE, "512", "3"),
                    TensorSpec.of("guidance", FLOAT_LIKE, "B")),
            List.of(TensorSpec.of("latent", FLOAT_LIKE, "B", "S", "64"))),

    /** 16 channels, or 32 (mean then log-variance) when the export returns the whole posterior. */
    VAE_ENCODER("vae_encoder.opt",
            List.of(TensorSpec.of("images", FLOAT_LIKE, "B", "3", "H", "W")),
            List.of(TensorSpec.of("latent", FLOAT_LIKE, "B", "16|32", "H/8", "W/8"))),

    VAE_DECODER("vae.opt",
            List.of(TensorSpec.of("latent", FLOAT_LIKE, "B", "16", "h", "w")),
            List.of(TensorSpec.of("images", FLOAT_LIKE, "B", "3", "8h", "8w")));

    private final String folder;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    ModelInterface(String folder, List<TensorSpec> inputs, List<TensorSpec> outputs) {
        this.folder = folder;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** The model's top folder in the package, e.g. {@code transformer.opt}. */
    public String folder() {
        return folder;
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }
}

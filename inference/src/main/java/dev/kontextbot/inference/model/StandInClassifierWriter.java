package dev.kontextbot.inference.model;

import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a stand-in safety classifier in the Hugging Face image-classification layout that Optimum exports
 * ({@code model.onnx} with {@code pixel_values} -> {@code logits}, {@code config.json} with {@code id2label},
 * {@code preprocessor_config.json}), labelled {@code normal} / {@code nsfw} like Falconsai's ViT. Its one rule is
 * easy to drive from a test: a very red picture is {@code nsfw} (pure red scores about 0.9997), anything with
 * little more red than green and blue is {@code normal} (a grey picture scores about 0.0003).
 */
public final class StandInClassifierWriter {

    /** The input side; small, because the rule only looks at the mean colour. */
    public static final int SIDE = 32;
    /** nsfw logit = GAIN * (mean R - (mean G + mean B) / 2) - GAIN, on samples normalised to [-1, 1]. */
    static final float GAIN = 8f;

    private static final String DOC = "KontextBot STAND-IN safety classifier: very red pictures are 'nsfw'.";

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new OnnxGraphBuilder("safety_stand_in")
                .input("pixel_values", DataType.FLOAT, "batch_size", 3L, (long) SIDE, (long) SIDE)
                .output("logits", DataType.FLOAT, "batch_size", 2L)
                // columns: normal, nsfw
                .weight("redness", new float[] {0, GAIN, 0, -GAIN / 2, 0, -GAIN / 2}, 3, 2)
                .weight("bias", new float[] {0, -GAIN}, 2)
                .node("ReduceMean", List.of("pixel_values"), "mean_colour",
                        ints("axes", 2, 3), integer("keepdims", 0))             // [B,3]
                .node("MatMul", List.of("mean_colour", "redness"), "scaled")     // [B,2]
                .node("Add", List.of("scaled", "bias"), "logits")                // [B,2]
                .write(dir.resolve("model.onnx"), "unused.onnx_data", DOC);
        Files.writeString(dir.resolve("config.json"), """
                {
                  "_comment": "KontextBot stand-in safety classifier, not a real NSFW detector",
                  "architectures": ["ViTForImageClassification"],
                  "id2label": {"0": "normal", "1": "nsfw"},
                  "label2id": {"normal": 0, "nsfw": 1},
                  "problem_type": "single_label_classification"
                }
                """);
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {
                  "do_normalize": true,
                  "do_rescale": true,
                  "do_resize": true,
                  "image_mean": [0.5, 0.5, 0.5],
                  "image_std": [0.5, 0.5, 0.5],
                  "image_processor_type": "ViTImageProcessor",
                  "resample": 2,
                  "rescale_factor": 0.00392156862745098,
                  "size": {"height": %d, "width": %d}
                }
                """.formatted(SIDE, SIDE));
    }
}

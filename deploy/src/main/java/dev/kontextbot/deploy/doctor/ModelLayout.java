package dev.kontextbot.deploy.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files of a model package (the layout of Black Forest Labs' ONNX release). */
final class ModelLayout {

    private static final List<String> PRECISIONS = List.of("bf16", "fp8", "fp4_svd32", "fp16", "fp32");
    private static final List<String> FILES = List.of("clip.opt/model.onnx", "t5.opt/model.onnx",
            "vae_encoder.opt/model.onnx", "vae.opt/model.onnx", "tokenizer/tokenizer.json", "tokenizer_2/tokenizer.json");

    private ModelLayout() {
    }

    /** The first missing file, relative to {@code dir}, or empty when the package is complete. */
    static Optional<String> firstMissing(Path dir, Optional<String> precision) {
        for (String file : FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return Optional.of(file);
            }
        }
        List<String> candidates = precision.map(List::of).orElse(PRECISIONS);
        for (String p : candidates) {
            if (Files.isRegularFile(dir.resolve("transformer.opt").resolve(p).resolve("model.onnx"))) {
                return Optional.empty();
            }
        }
        return Optional.of("transformer.opt/" + precision.orElse("<precision>") + "/model.onnx");
    }
}

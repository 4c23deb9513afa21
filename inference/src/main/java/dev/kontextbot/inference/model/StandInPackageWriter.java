package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.text.StandInTokenizerFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the stand-in model package: the layout, tensor names, ranks and sizes of the FLUX.1 Kontext [dev]
 * ONNX release with small seeded random weights, CLIP and T5 tokenizer files with small vocabularies but the
 * real special tokens, and a {@value ModelPackage#STAND_IN_MARKER} that says what it is. It makes the whole
 * product runnable on a CPU; its pictures are not edits.
 */
public final class StandInPackageWriter {

    private static final Logger log = LoggerFactory.getLogger(StandInPackageWriter.class);
    /** The stand-in's weights are float32, so its transformer sits in the fp32 precision folder. */
    static final String PRECISION = "fp32";

    /**
     * Writes the package into {@code dir} (created if needed; stand-in files already there are replaced).
     *
     * @throws InferenceException MODEL_PACKAGE when {@code dir} holds a real package or cannot be written
     */
    public void write(Path dir, long seed) throws InferenceException {
        if (Files.exists(dir.resolve(ModelInterface.CLIP.folder())) && !Files.exists(dir.resolve(ModelPackage.STAND_IN_MARKER))) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, dir + " already holds a model "
                    + "package that is not a stand-in; write the stand-in into an empty folder");
        }
        StandInModels models = new StandInModels(seed);
        String model = ModelPackage.MODEL_FILE;
        try {
            Files.createDirectories(dir);
            // The marker goes first: a half-written folder is never mistaken for a real package.
            Files.writeString(dir.resolve(ModelPackage.STAND_IN_MARKER), explanation(seed), StandardCharsets.UTF_8);
            models.writeClip(dir.resolve(ModelInterface.CLIP.folder()).resolve(model));
            models.writeT5(dir.resolve(ModelInterface.T5.folder()).resolve(model));
            models.writeTransformer(dir.resolve(ModelInterface.TRANSFORMER.folder()).resolve(PRECISION).resolve(model));
            models.writeVaeEncoder(dir.resolve(ModelInterface.VAE_ENCODER.folder()).resolve(model));
            models.writeVaeDecoder(dir.resolve(ModelInterface.VAE_DECODER.folder()).resolve(model));
            writeTokenizers(dir);
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "could not write the stand-in model package to " + dir + ": " + e.getMessage(), e);
        }
        log.info("Wrote a STAND-IN model package (seed {}) to {}: not FLUX.1 Kontext, its pictures are not edits",
                seed, dir);
    }

    /** The two stand-in tokenizer folders (small vocabularies, the real special tokens). */
    static void writeTokenizers(Path dir) throws IOException {
        Path clipTokenizer = dir.resolve(ModelPackage.CLIP_TOKENIZER);
        Path t5Tokenizer = dir.resolve(ModelPackage.T5_TOKENIZER);
        Files.createDirectories(clipTokenizer.getParent());
        Files.createDirectories(t5Tokenizer.getParent());
        StandInTokenizerFiles.writeClip(clipTokenizer);
        StandInTokenizerFiles.writeT5(t5Tokenizer);
    }

    private static String explanation(long seed) {
        return """
                STAND-IN MODEL PACKAGE - NOT FLUX.1 Kontext

                KontextBot wrote this folder ("kontextbot models stand-in", seed %d). It has the layout, tensor
                names, ranks and sizes of the FLUX.1 Kontext [dev] ONNX release, but only small random weights:
                every part of the bot runs with it on a CPU, and the pictures it makes are NOT edits of your
                images, just coloured noise shaped by the prompt and the picture.

                Differences from the real release: all tensors are float32 and the token ids int64 (the release
                uses bf16 activations and int32 ids; the engine reads each tensor's type from the model), and
                the tokenizers have tiny vocabularies with the real special tokens.

                To edit images for real, install FLUX.1 Kontext [dev] ONNX from Black Forest Labs plus the two
                tokenizer folders and point KONTEXT_MODEL_DIR at it (see docs/models.md). Check any package
                with "kontextbot models check DIR".
                """.formatted(seed);
    }
}

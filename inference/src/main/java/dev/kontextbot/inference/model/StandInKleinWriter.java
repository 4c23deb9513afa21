package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.text.StandInTokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the FLUX.2 [klein] stand-in package: the published export's four graphs with exactly its tensor names,
 * types and ranks ({@link KleinPackage.Graph}) but small seeded weights (one 4-bit {@code MatMulNBits}), a Qwen3-format
 * {@code tokenizer/} folder with the real special ids, no {@code config.json} (the engine must not need one), and a
 * {@value ModelPackage#STAND_IN_MARKER} that says what it is. Its pictures are not edits.
 */
public final class StandInKleinWriter {

    private static final Logger log = LoggerFactory.getLogger(StandInKleinWriter.class);

    /**
     * Writes the package into {@code dir} (created if needed; stand-in files already there are replaced).
     *
     * @throws InferenceException MODEL_PACKAGE when {@code dir} holds a real package or cannot be written
     */
    public void write(Path dir, long seed) throws InferenceException {
        if (Files.exists(dir.resolve(KleinPackage.TRANSFORMER))
                && !Files.exists(dir.resolve(ModelPackage.STAND_IN_MARKER))) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, dir + " already holds a model "
                    + "package that is not a stand-in; write the stand-in into an empty folder");
        }
        StandInKleinModels models = new StandInKleinModels(seed);
        try {
            Files.createDirectories(dir);
            // The marker goes first: a half-written folder is never mistaken for a real package.
            Files.writeString(dir.resolve(ModelPackage.STAND_IN_MARKER), explanation(seed), StandardCharsets.UTF_8);
            models.writeTextEncoder(dir.resolve(KleinPackage.Graph.TEXT_ENCODER.file()));
            models.writeTransformer(dir.resolve(KleinPackage.Graph.TRANSFORMER.file()));
            models.writeVaeEncoder(dir.resolve(KleinPackage.Graph.VAE_ENCODER.file()));
            models.writeVaeDecoder(dir.resolve(KleinPackage.Graph.VAE_DECODER.file()));
            StandInTokenizerFiles.writeQwen3(dir.resolve(KleinPackage.TOKENIZER).getParent());
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "could not write the klein stand-in model package to " + dir + ": " + e.getMessage(), e);
        }
        log.info("Wrote a STAND-IN FLUX.2 [klein] package (seed {}) to {}: its pictures are not edits", seed, dir);
    }

    private static String explanation(long seed) {
        return """
                STAND-IN MODEL PACKAGE - NOT FLUX.2 [klein] 4B

                KontextBot wrote this folder ("kontextbot models stand-in --family klein", seed %d). It has the
                files and tensor interface of the published ONNX export (%s): text_encoder.onnx,
                transformer.onnx, vae_encoder.onnx, vae_decoder.onnx and a Qwen3-format tokenizer/ folder, but
                only small random weights (one 4-bit MatMulNBits node): every part of the bot runs with it on a
                CPU, and the pictures it makes are NOT edits of your images.

                To edit for real, download the export into a folder and point KONTEXT_MODEL_DIR at it (see
                docs/models.md). Check any package with "kontextbot models check DIR".
                """.formatted(seed, KleinPackage.REPO);
    }
}

package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.GraphInspector;
import dev.kontextbot.inference.model.GraphSummary;
import dev.kontextbot.inference.model.KleinPackage;
import dev.kontextbot.inference.model.ModelPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells a package's family from its transformer's declared interface (no {@code config.json} needed, no session
 * opened): klein's {@code transformer.onnx} takes 128-feature tokens and 4-axis ids, Kontext's
 * {@code transformer.opt/<precision>/model.onnx} 64-feature tokens, pooled CLIP and 3-axis ids.
 */
public final class FamilyDetector {

    private FamilyDetector() {
    }

    /**
     * The family of the package in {@code dir}.
     *
     * @throws InferenceException MODEL_PACKAGE in one sentence naming what is missing when it is neither
     */
    public static ModelFamily detect(Path dir) throws InferenceException {
        if (!Files.isDirectory(dir)) {
            throw problem("the model package folder " + dir + " does not exist");
        }
        GraphInspector inspector = new GraphInspector();
        Path klein = dir.resolve(KleinPackage.TRANSFORMER);
        if (Files.isRegularFile(klein)) {
            GraphSummary s = inspector.inspect(klein, KleinPackage.TRANSFORMER);
            if (lastDim(s, "hidden_states").equals("128") && lastDim(s, "img_ids").equals("4")) {
                return ModelFamily.KLEIN;
            }
            throw problem(dir + " is neither family: " + KleinPackage.TRANSFORMER + " does not declare klein's "
                    + "interface (hidden_states [1,S,128], img_ids int64 [1,S,4]; it declares "
                    + s.inputs() + ")");
        }
        List<String> precisions = ModelPackage.presentPrecisions(dir);
        if (!precisions.isEmpty()) {
            String file = "transformer.opt/" + precisions.getFirst() + "/model.onnx";
            GraphSummary s = inspector.inspect(dir.resolve(file), file);
            if (lastDim(s, "hidden_states").equals("64") && hasInput(s, "pooled_projections")) {
                return ModelFamily.KONTEXT;
            }
            throw problem(dir + " is neither family: " + file + " does not declare Kontext's interface "
                    + "(hidden_states [B,S,64], pooled_projections [B,768]; it declares " + s.inputs() + ")");
        }
        throw problem(dir + " holds no model package: neither FLUX.2 [klein]'s " + KleinPackage.TRANSFORMER
                + " nor FLUX.1 Kontext's transformer.opt/<precision>/model.onnx is there (see docs/models.md)");
    }

    /**
     * The family to load: {@code override} (KONTEXT_FAMILY) when given, which the package must then be, else the
     * detected one.
     */
    public static ModelFamily resolve(Path dir, Optional<ModelFamily> override) throws InferenceException {
        if (override.isEmpty()) {
            if (looksLikeKontext(dir) && ModelPackage.presentPrecisions(dir).isEmpty()) {
                // A Kontext package missing its transformer: its loader names the folder and where to get it.
                return ModelFamily.KONTEXT;
            }
            return detect(dir);
        }
        ModelFamily asked = override.get();
        ModelFamily found;
        try {
            found = detect(dir);
        } catch (InferenceException e) {
            // Let the asked family's loader name the first file it misses.
            return asked;
        }
        if (found != asked) {
            throw problem("KONTEXT_FAMILY is " + asked.id() + " but " + dir + " holds a " + found.displayName()
                    + " package; set KONTEXT_FAMILY=" + found.id() + " (or auto), or point KONTEXT_MODEL_DIR at a "
                    + asked.displayName() + " package");
        }
        return asked;
    }

    /** Kontext's top folders: a package with one of them is a Kontext package, however incomplete. */
    private static boolean looksLikeKontext(Path dir) {
        return !Files.isDirectory(dir) || List.of("clip.opt", "t5.opt", "transformer.opt", "vae_encoder.opt", "vae.opt")
                .stream().anyMatch(f -> Files.isDirectory(dir.resolve(f)));
    }

    private static String lastDim(GraphSummary s, String input) {
        return s.inputs().stream().filter(v -> v.name().equals(input)).findFirst()
                .map(v -> v.dims().isEmpty() ? "" : v.dims().getLast()).orElse("");
    }

    private static boolean hasInput(GraphSummary s, String input) {
        return s.inputs().stream().anyMatch(v -> v.name().equals(input));
    }

    private static InferenceException problem(String sentence) {
        return new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".");
    }
}

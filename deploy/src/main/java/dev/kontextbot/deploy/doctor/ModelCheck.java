package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ModelPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The model package: present, complete, and whether it is the stand-in. */
final class ModelCheck implements Check {

    private final KontextConfig config;

    ModelCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        ModelResolver resolver = new ModelResolver(config);
        Optional<ModelResolver.Resolution> located = resolver.locate();
        if (located.isEmpty()) {
            return List.of(CheckResult.warn("model", "no model package yet: run will write the stand-in to "
                    + resolver.standInDir() + " (" + ModelResolver.STAND_IN_NOTE + ")"));
        }
        Path dir = located.get().dir();
        if (!Files.isDirectory(dir)) {
            return List.of(CheckResult.fail("model", "model folder " + dir + " does not exist: set KONTEXT_MODEL_DIR to "
                    + "the FLUX.1 Kontext [dev] ONNX release, or unset it to use the stand-in"));
        }
        ModelPackage model;
        try {
            // The layout only: opening every session of the real model would take minutes and most of the RAM.
            model = ModelPackage.open(dir, config.precision());
        } catch (InferenceException e) {
            return List.of(CheckResult.fail("model", e.getMessage()));
        }
        String complete = dir + " is complete (transformer " + model.precision() + ")";
        return List.of(model.isStandIn()
                ? CheckResult.warn("model", complete + "; " + ModelResolver.STAND_IN_NOTE)
                : CheckResult.ok("model", complete + "; kontextbot models check " + dir + " checks every tensor"));
    }
}

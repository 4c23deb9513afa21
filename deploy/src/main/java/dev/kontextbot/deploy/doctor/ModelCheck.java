package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.config.KontextConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The model package: present, complete, and whether it is the stand-in. */
final class ModelCheck implements Check {

    private static final String STAND_IN_NOTE = "stand-in model: not a real edit; install FLUX.1 Kontext, see docs/models.md";

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
                    + resolver.standInDir() + " (" + STAND_IN_NOTE + ")"));
        }
        Path dir = located.get().dir();
        if (!Files.isDirectory(dir)) {
            return List.of(CheckResult.fail("model", "model folder " + dir + " does not exist: set KONTEXT_MODEL_DIR to "
                    + "the FLUX.1 Kontext [dev] ONNX release, or unset it to use the stand-in"));
        }
        Optional<String> missing = ModelLayout.firstMissing(dir, config.precision());
        if (missing.isPresent()) {
            return List.of(CheckResult.fail("model", missing.get() + " is missing in " + dir));
        }
        return List.of(located.get().standIn()
                ? CheckResult.warn("model", dir + " is complete; " + STAND_IN_NOTE)
                : CheckResult.ok("model", dir + " is complete (for a full interface check: kontextbot models check "
                        + dir + ")"));
    }
}

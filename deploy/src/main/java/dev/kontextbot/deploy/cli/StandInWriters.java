package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.app.StartupException;

/** The stand-in writer {@code run} uses. */
final class StandInWriters {

    /** TODO(deploy): inference's StandInPackageWriter once it is committed. */
    static final ModelResolver.StandInWriter INFERENCE = (dir, seed) -> {
        throw new StartupException("this build cannot write the stand-in model yet: set KONTEXT_MODEL_DIR");
    };

    private StandInWriters() {
    }
}

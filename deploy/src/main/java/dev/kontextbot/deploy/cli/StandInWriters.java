package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.inference.model.StandInPackageWriter;

/** The stand-in writer {@code run} uses: inference's, which writes the full package layout. */
final class StandInWriters {

    static final ModelResolver.StandInWriter INFERENCE = (dir, seed) -> new StandInPackageWriter().write(dir, seed);

    private StandInWriters() {
    }
}

package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.inference.model.StandInKleinWriter;
import dev.kontextbot.inference.model.StandInPackageWriter;
import dev.kontextbot.inference.pipeline.ModelFamily;

/** The stand-in writers {@code run} uses: inference's, which write each family's full package layout. */
final class StandInWriters {

    static final ModelResolver.StandInWriter INFERENCE = (dir, seed) -> new StandInPackageWriter().write(dir, seed);
    /** FLUX.2 [klein]'s stand-in, for {@code KONTEXT_FAMILY=klein} with no model installed. */
    static final ModelResolver.StandInWriter KLEIN = (dir, seed) -> new StandInKleinWriter().write(dir, seed);

    private StandInWriters() {
    }

    /** The writer of {@code family}'s stand-in. */
    static ModelResolver.StandInWriter of(ModelFamily family) {
        return switch (family) {
            case KONTEXT -> INFERENCE;
            case KLEIN -> KLEIN;
        };
    }
}

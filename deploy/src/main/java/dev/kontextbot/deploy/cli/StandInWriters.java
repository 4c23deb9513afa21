package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.inference.model.StandInKleinWriter;
import dev.kontextbot.inference.model.StandInPackageWriter;

/** The stand-in writer {@code run} uses: inference's, which writes the full package layout of a family. */
final class StandInWriters {

    static final ModelResolver.StandInWriter INFERENCE = (dir, seed, family) -> {
        switch (family) {
            case KONTEXT -> new StandInPackageWriter().write(dir, seed);
            case KLEIN -> new StandInKleinWriter().write(dir, seed);
        }
    };

    private StandInWriters() {
    }
}

package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;

/** Opens a package as its family: the family asked for or told from the graphs, then that family's loader. */
final class FamilyLoader {

    /** A loaded package: what it is, its sessions (closed together) and its family's pipeline over them. */
    record Loaded(ModelInfo info, SessionSet sessions, FamilyPipeline pipeline) {
    }

    private FamilyLoader() {
    }

    static Loaded load(EngineOptions options, RequestLimits limits, ContextSizing sizing) throws InferenceException {
        ModelFamily family = FamilyDetector.resolve(options.modelDir(), options.family());
        return switch (family) {
            case KONTEXT -> KontextLoader.load(options, sizing);
            case KLEIN -> KleinLoader.load(options, limits);
        };
    }
}

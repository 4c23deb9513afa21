package dev.kontextbot.deploy.app;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.inference.model.ModelPackage;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the model package: KONTEXT_MODEL_DIR when set; else a package under KONTEXT_DATA_DIR/models (a real
 * one before the stand-in); else, for {@code run}, writes the stand-in there so a fresh machine works at once (the
 * stand-in of KONTEXT_FAMILY, Kontext's for auto). The family of a package is KONTEXT_FAMILY when set, else told by
 * its layout: Kontext's folders ({@code transformer.opt/}) or klein's graphs at the root ({@code transformer.onnx});
 * the engine checks the graphs' interfaces when it opens them.
 */
public final class ModelResolver {

    /** What users are told wherever the stand-in is in use. */
    public static final String STAND_IN_NOTE = "stand-in model: not a real edit; install FLUX.2 [klein] 4B or FLUX.1 "
            + "Kontext [dev], see docs/models.md";
    /** Seed of the stand-in written by {@code run}: fixed, so every machine gets the same stand-in. */
    public static final long STAND_IN_SEED = 42L;

    /** Writes a stand-in model package of a family into a folder (inference's stand-in writers). */
    @FunctionalInterface
    public interface StandInWriter {
        void write(Path dir, long seed, ModelFamily family) throws Exception;
    }

    /** Where the model is and what it is. */
    public record Resolution(Path dir, Origin origin, boolean standIn, ModelFamily family) {
    }

    public enum Origin {
        /** KONTEXT_MODEL_DIR. */
        CONFIGURED,
        /** Found under KONTEXT_DATA_DIR/models. */
        FOUND,
        /** Just written by {@code run}. */
        WRITTEN
    }

    private final KontextConfig config;

    public ModelResolver(KontextConfig config) {
        this.config = config;
    }

    /** Folder the stand-in is written to when no package is found. */
    public Path standInDir() {
        return modelsDir().resolve(standInFamily() == ModelFamily.KONTEXT ? "stand-in" : "stand-in-"
                + standInFamily().id());
    }

    private ModelFamily standInFamily() {
        return config.family().orElse(ModelFamily.KONTEXT);
    }

    /** The configured or found package, without writing anything (for {@code doctor}). */
    public Optional<Resolution> locate() {
        Optional<Path> configured = config.modelDir();
        if (configured.isPresent()) {
            return Optional.of(new Resolution(configured.get(), Origin.CONFIGURED, isStandIn(configured.get()),
                    familyOf(configured.get())));
        }
        return found().map(dir -> new Resolution(dir, Origin.FOUND, isStandIn(dir), familyOf(dir)));
    }

    /** {@link #locate()}, else writes the stand-in. A configured folder must exist. */
    public Resolution resolve(StandInWriter writer) {
        Optional<Resolution> located = locate();
        if (located.isPresent()) {
            Resolution resolution = located.get();
            if (!Files.isDirectory(resolution.dir())) {
                throw new StartupException("KONTEXT_MODEL_DIR " + resolution.dir() + " does not exist: point it at an "
                        + "ONNX release of FLUX.2 [klein] 4B or FLUX.1 Kontext [dev], or unset it to use the stand-in "
                        + "model");
            }
            return resolution;
        }
        Path dir = standInDir();
        try {
            writer.write(dir, STAND_IN_SEED, standInFamily());
        } catch (Exception e) {
            throw new StartupException("Could not write the stand-in model to " + dir + ": " + e.getMessage(), e);
        }
        return new Resolution(dir, Origin.WRITTEN, true, standInFamily());
    }

    /** KONTEXT_FAMILY when set, else the family the package's layout shows (Kontext's when it shows neither). */
    public ModelFamily familyOf(Path dir) {
        return config.family().orElseGet(() -> Files.isRegularFile(dir.resolve(KLEIN_TRANSFORMER))
                && !Files.isDirectory(dir.resolve(KONTEXT_TRANSFORMER)) ? ModelFamily.KLEIN : ModelFamily.KONTEXT);
    }

    public static boolean isStandIn(Path dir) {
        return Files.exists(dir.resolve(ModelPackage.STAND_IN_MARKER));
    }

    private Path modelsDir() {
        return config.dataDir().resolve("models");
    }

    private static final String KONTEXT_TRANSFORMER = "transformer.opt";
    private static final String KLEIN_TRANSFORMER = "transformer.onnx";

    private Optional<Path> found() {
        Path models = modelsDir();
        if (looksLikePackage(models)) {
            return Optional.of(models);
        }
        if (!Files.isDirectory(models)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(models)) {
            List<Path> packages = children.filter(this::looksLikePackage).sorted().toList();
            // A real model wins over the stand-in once the user drops one in.
            return packages.stream().min(Comparator.comparing(ModelResolver::isStandIn));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean looksLikePackage(Path dir) {
        boolean kontext = Files.isDirectory(dir.resolve(KONTEXT_TRANSFORMER));
        boolean klein = Files.isRegularFile(dir.resolve(KLEIN_TRANSFORMER));
        // With KONTEXT_FAMILY set, only that family's packages are candidates.
        return config.family().map(f -> f == ModelFamily.KLEIN ? klein : kontext).orElse(kontext || klein);
    }
}

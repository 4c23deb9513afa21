package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.StandInPackageWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One stand-in package per test JVM, written once (writing it is the slow part of a test class). */
final class StandInPackage {

    static final long SEED = 7;
    private static Path dir;

    private StandInPackage() {
    }

    static synchronized Path dir() throws InferenceException {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("kontext-standin");
                new StandInPackageWriter().write(d, SEED);
                d.toFile().deleteOnExit();
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}

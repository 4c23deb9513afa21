package dev.kontextbot.core.testing;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.StandInKleinWriter;
import dev.kontextbot.inference.model.StandInPackageWriter;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stand-in package the tests share through the temp folder, in a folder named after the SHA-256 of the files
 * the writer produced: a writer that changes (another branch, a new tensor) gets a folder of its own instead of
 * an old package with the same seed. Writing takes well under a second; the folder saves the disk, not the time.
 */
public final class StandInCache {

    private static final String PREFIX = "kontextbot-test-standin-";

    private StandInCache() {
    }

    /** Writes Kontext's package for {@code seed} and returns the shared folder with exactly that content. */
    public static Path packageFor(long seed) {
        return packageFor(seed, ModelFamily.KONTEXT);
    }

    /** Writes {@code family}'s package for {@code seed} and returns the shared folder with exactly that content. */
    public static Path packageFor(long seed, ModelFamily family) {
        try {
            Path writing = Files.createTempDirectory("kontextbot-standin-writing");
            Path written = writing.resolve("pkg");
            switch (family) {
                case KONTEXT -> new StandInPackageWriter().write(written, seed);
                case KLEIN -> new StandInKleinWriter().write(written, seed);
            }
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), PREFIX + contentKey(written));
            if (!Files.isDirectory(dir)) {
                try {
                    Files.move(written, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // Another test JVM moved the same content there first.
                }
            }
            deleteTree(writing);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InferenceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** SHA-256 (first 16 hex digits) over every file's path relative to {@code dir} and its bytes, in path order. */
    static String contentKey(Path dir) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        }
        for (Path file : files) {
            digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

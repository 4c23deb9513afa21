package dev.kontextbot.conversation.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps Redis's data folder readable by its owner only (the pictures' bytes live there). */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The data folder and everything in it owner-only: rwx------ folders, rw------- files, also those an older
     * version (or a Redis with another umask) left readable to others.
     */
    static void keepOwnerOnly(Path dir) throws IOException {
        var folder = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
        var file = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        try (var all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? folder : file);
            }
        }
    }

    /** rw------- where the file system knows POSIX permissions (every Linux and macOS one). */
    public static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }
}

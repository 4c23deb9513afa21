package dev.kontextbot.deploy.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The name a process gives itself on the shared Redis (consumer names, a job's origin front end). A {@code run}
 * keeps one name across restarts, stored in KONTEXT_DATA_DIR, so after a restart it reads the results still
 * addressed to it (a web session's edit that finished meanwhile); other roles take a fresh name each start.
 */
final class InstanceName {

    static final String FILE = "instance-id";

    private InstanceName() {
    }

    static String of(RuntimeOptionsFactory.Role role, Path dataDir) {
        String prefix = role.name().toLowerCase(java.util.Locale.ROOT) + "-";
        if (role != RuntimeOptionsFactory.Role.RUN) {
            return prefix + fresh();
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (id.matches("[a-f0-9]{8}")) {
                    return prefix + id;
                }
            }
            String id = fresh();
            Files.createDirectories(dataDir);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return prefix + id;
        } catch (IOException e) {
            // A read-only data folder: a fresh name still works, only results finished across a restart wait longer.
            return prefix + fresh();
        }
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

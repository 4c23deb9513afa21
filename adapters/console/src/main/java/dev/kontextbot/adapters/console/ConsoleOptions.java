package dev.kontextbot.adapters.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code kontextbot chat} runs: interactive or from a script (one message per line), plain or JSON output,
 * where images are written, and how long a script waits for a queued job before it moves on.
 */
public record ConsoleOptions(Optional<Path> script, boolean json, Path outDir, Duration jobTimeout) {
    public ConsoleOptions {
        script = script == null ? Optional.empty() : script;
        outDir = outDir == null ? Path.of("chat-out") : outDir;
        jobTimeout = jobTimeout == null ? Duration.ofMinutes(10) : jobTimeout;
    }
}

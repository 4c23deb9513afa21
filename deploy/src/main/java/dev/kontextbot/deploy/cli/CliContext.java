package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.config.ConfigLoader;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.logging.LogSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What every command gets from the process: the environment, where to print, how shutdown is signalled.
 * Commands take it as their only constructor parameter (see {@link CommandFactory}); tests pass their own.
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, ShutdownSignals shutdown) {

    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                ShutdownSignals.jvm());
    }

    /**
     * Loads and validates the configuration (environment over {@code file}) and applies it to logging.
     *
     * @throws dev.kontextbot.deploy.config.ConfigException with every problem; reported with exit code 2
     */
    public KontextConfig loadConfig(Optional<Path> file) {
        KontextConfig config = new ConfigLoader(env).load(file);
        LogSetup.apply(config);
        return config;
    }
}

package dev.kontextbot.deploy.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} lists every problem found, in plain words. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Configuration problems: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

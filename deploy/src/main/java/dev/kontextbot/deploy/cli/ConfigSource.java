package dev.kontextbot.deploy.cli;

import dev.kontextbot.deploy.config.KontextConfig;

/**
 * What the top command gives its subcommands ({@code @ParentCommand}): the configuration from the environment and
 * {@code --config}, loaded so that a failure report masks its secrets. Lets a command load it without knowing the
 * class that builds the command line.
 */
public interface ConfigSource {

    /** @throws dev.kontextbot.deploy.config.ConfigException with every problem, reported with exit code 2 */
    KontextConfig loadConfig();
}

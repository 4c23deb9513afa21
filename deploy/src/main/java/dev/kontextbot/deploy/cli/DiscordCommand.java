package dev.kontextbot.deploy.cli;

import dev.kontextbot.adapters.discord.DiscordCommands;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kontextbot discord commands}: prints the slash commands and the context menu exactly as the bot registers
 * them (the JSON body of Discord's bulk overwrite), without a token and without network.
 */
@Command(name = "discord", mixinStandardHelpOptions = true,
        description = "Discord helpers: print the application commands as registered.",
        subcommands = {DiscordCommand.Commands.class})
public final class DiscordCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use 'discord commands'");
    }

    @Command(name = "commands", mixinStandardHelpOptions = true,
            description = {"Print the slash commands and the \"Edit with Kontext\" context menu as the JSON that is "
                    + "registered with Discord.", "Needs no token and no network."})
    static final class Commands implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(DiscordCommands.standard().json());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}

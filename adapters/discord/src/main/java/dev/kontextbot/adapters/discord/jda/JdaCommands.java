package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.DiscordCommands;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * Turns the {@link DiscordCommands} model into JDA's command data and registers it (a bulk overwrite), globally or
 * in one guild. Global commands are installable on servers and on users (user-installed apps), and usable in
 * servers, in the bot's DMs and in other DMs; JDA states that with {@code contexts} where Javacord sent
 * {@code dm_permission}.
 */
final class JdaCommands {

    private JdaCommands() {
    }

    static List<CommandData> data(DiscordCommands commands) {
        return commands.commands().stream().map(JdaCommands::command).toList();
    }

    static void register(JDA jda, DiscordCommands commands, Optional<Long> guildId) {
        if (guildId.isPresent()) {
            Guild guild = jda.getGuildById(guildId.get());
            if (guild == null) {
                throw new IllegalStateException("the bot is not in guild " + guildId.get()
                        + " (DISCORD_GUILD_ID): invite it there first");
            }
            guild.updateCommands().addCommands(data(commands)).complete();
        } else {
            jda.updateCommands().addCommands(data(commands)).complete();
        }
    }

    private static CommandData command(DiscordCommands.Command command) {
        CommandData data = switch (command.type()) {
            case MESSAGE -> Commands.message(command.name());
            case CHAT_INPUT -> {
                SlashCommandData slash = Commands.slash(command.name(), command.description());
                command.options().forEach(option -> slash.addOptions(option(option)));
                yield slash;
            }
        };
        return data.setIntegrationTypes(IntegrationType.GUILD_INSTALL, IntegrationType.USER_INSTALL)
                .setContexts(InteractionContextType.ALL).setNSFW(false);
    }

    private static OptionData option(DiscordCommands.Option option) {
        OptionData data = new OptionData(type(option.type()), option.name(), option.description(), option.required());
        option.choices().forEach(choice -> data.addChoice(choice.name(), choice.value()));
        if (option.type() == DiscordCommands.OptionType.INTEGER) {
            option.min().ifPresent(min -> data.setMinValue(min.longValue()));
            option.max().ifPresent(max -> data.setMaxValue(max.longValue()));
        } else {
            option.min().ifPresent(data::setMinValue);
            option.max().ifPresent(data::setMaxValue);
        }
        return data;
    }

    private static OptionType type(DiscordCommands.OptionType type) {
        return switch (type) {
            case STRING -> OptionType.STRING;
            case INTEGER -> OptionType.INTEGER;
            case NUMBER -> OptionType.NUMBER;
            case ATTACHMENT -> OptionType.ATTACHMENT;
        };
    }
}

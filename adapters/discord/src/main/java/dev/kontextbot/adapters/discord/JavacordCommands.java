package dev.kontextbot.adapters.discord;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.DiscordApi;
import org.javacord.api.interaction.ApplicationCommand;
import org.javacord.api.interaction.ApplicationCommandBuilder;
import org.javacord.api.interaction.MessageContextMenuBuilder;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionBuilder;
import org.javacord.api.interaction.SlashCommandOptionType;

/** Turns the {@link DiscordCommands} model into Javacord builders and registers them, globally or in one guild. */
final class JavacordCommands {

    private JavacordCommands() {
    }

    static Set<ApplicationCommandBuilder<?, ?, ?>> builders(DiscordCommands commands) {
        Set<ApplicationCommandBuilder<?, ?, ?>> builders = new LinkedHashSet<>();
        for (DiscordCommands.Command command : commands.commands()) {
            switch (command.type()) {
                case MESSAGE -> builders.add(new MessageContextMenuBuilder().setName(command.name()));
                case CHAT_INPUT -> {
                    SlashCommandBuilder builder = new SlashCommandBuilder().setName(command.name())
                            .setDescription(command.description());
                    command.options().forEach(option -> builder.addOption(option(option)));
                    builders.add(builder);
                }
            }
        }
        return builders;
    }

    /** Bulk-overwrites the application's commands: in the guild when one is configured, else globally. */
    static CompletableFuture<Set<ApplicationCommand>> register(DiscordApi api, DiscordCommands commands,
                                                               Optional<Long> guildId) {
        Set<ApplicationCommandBuilder<?, ?, ?>> builders = builders(commands);
        return guildId.isPresent()
                ? api.bulkOverwriteServerApplicationCommands(guildId.get(), builders)
                : api.bulkOverwriteGlobalApplicationCommands(builders);
    }

    private static SlashCommandOption option(DiscordCommands.Option option) {
        SlashCommandOptionBuilder builder = new SlashCommandOptionBuilder()
                .setType(type(option.type()))
                .setName(option.name())
                .setDescription(option.description())
                .setRequired(option.required());
        option.choices().forEach(choice -> builder.addChoice(choice.name(), choice.value()));
        if (option.type() == DiscordCommands.OptionType.INTEGER) {
            option.min().ifPresent(min -> builder.setLongMinValue(min.longValue()));
            option.max().ifPresent(max -> builder.setLongMaxValue(max.longValue()));
        } else {
            option.min().ifPresent(builder::setDecimalMinValue);
            option.max().ifPresent(builder::setDecimalMaxValue);
        }
        return builder.build();
    }

    private static SlashCommandOptionType type(DiscordCommands.OptionType type) {
        return switch (type) {
            case STRING -> SlashCommandOptionType.STRING;
            case INTEGER -> SlashCommandOptionType.LONG;
            case NUMBER -> SlashCommandOptionType.DECIMAL;
            case ATTACHMENT -> SlashCommandOptionType.ATTACHMENT;
        };
    }
}

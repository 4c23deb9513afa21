package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.TextInput;
import org.javacord.api.entity.message.component.TextInputStyle;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.MessageContextMenuInteraction;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;

/**
 * Slash commands, the "Edit with Kontext" context menu and its modal, and button presses. Each one is checked by
 * the guards (answered at once, only to the asker), then deferred at once (Discord's 3 seconds), then mapped to a
 * chat event or button press for the bot, whose replies edit the deferred response.
 */
final class InteractionFlow {

    static final String UNSUPPORTED_CHANNEL = "Sorry, I'm not supported in this kind of channel. Try a text channel, "
            + "a thread or a direct message.";

    private final KontextBot bot;
    private final DiscordOrigins origins;
    private final CommandTexts texts;
    private final LiveInteractions interactions;
    private final InteractionMessages messages;
    private final InteractionReplies replies;
    private final ReplyRenderer renderer;
    private final ModalTargets<Message> modalTargets;
    private final Incidents incidents;

    InteractionFlow(KontextBot bot, DiscordOrigins origins, CommandTexts texts, LiveInteractions interactions,
                    InteractionMessages messages, ReplyRenderer renderer, ModalTargets<Message> modalTargets,
                    Incidents incidents) {
        this.bot = bot;
        this.origins = origins;
        this.texts = texts;
        this.interactions = interactions;
        this.messages = messages;
        this.replies = new InteractionReplies(messages);
        this.renderer = renderer;
        this.modalTargets = modalTargets;
        this.incidents = incidents;
    }

    void onSlashCommand(SlashCommandInteraction interaction) {
        Optional<TextChannel> channel = admitted(interaction);
        if (channel.isEmpty()) {
            return;
        }
        Map<String, String> strings = new HashMap<>();
        Map<String, Long> integers = new HashMap<>();
        Map<String, Double> numbers = new HashMap<>();
        List<Attachment> attachments = new ArrayList<>();
        for (SlashCommandInteractionOption option : interaction.getArguments()) {
            option.getStringValue().ifPresent(v -> strings.put(option.getName(), v));
            option.getLongValue().ifPresent(v -> integers.put(option.getName(), v));
            option.getDecimalValue().ifPresent(v -> numbers.put(option.getName(), v));
            option.getAttachmentValue().ifPresent(a -> attachments.add(new DiscordAttachment(a)));
        }
        String text = texts.text(interaction.getCommandName(), new CommandArguments(strings, integers, numbers));
        ChatOrigin origin = origins.of(interaction.getUser(), interaction.getServer(), channel.get());
        deferThen(interaction, (token, sink) -> bot.onMessage(new ChatEvent(origin, Optional.empty(), text,
                attachments, Optional.empty(), Optional.of(token)), sink));
    }

    void onEditWithKontext(MessageContextMenuInteraction interaction) {
        if (admitted(interaction).isEmpty()) {
            return;
        }
        String customId = modalTargets.remember(interaction.getTarget().getId(), interaction.getTarget());
        interaction.respondWithModal(customId, DiscordCommands.EDIT_WITH_KONTEXT,
                ActionRow.of(TextInput.create(TextInputStyle.PARAGRAPH, ModalTargets.INSTRUCTION_INPUT,
                        "What should change?", true)));
    }

    void onModal(ModalInteraction interaction) {
        Optional<Long> targetId = ModalTargets.messageId(interaction.getCustomId());
        if (targetId.isEmpty()) {
            return;
        }
        Optional<TextChannel> channel = admitted(interaction);
        if (channel.isEmpty()) {
            return;
        }
        String instruction = interaction.getTextInputValueByCustomId(ModalTargets.INSTRUCTION_INPUT).orElse("");
        Optional<Message> target = modalTargets.take(targetId.get());
        // The bot's own result is found by its message id; pictures of other messages are attached as new input.
        List<Attachment> attachments = target.filter(m -> !m.getAuthor().isYourself())
                .map(InteractionFlow::images).orElse(List.of());
        ChatOrigin origin = origins.of(interaction.getUser(), interaction.getServer(), channel.get());
        String text = texts.editInstruction(instruction);
        deferThen(interaction, (token, sink) -> bot.onMessage(new ChatEvent(origin, Optional.empty(), text,
                attachments, Optional.of(Long.toString(targetId.get())), Optional.of(token)), sink));
    }

    void onButton(ButtonInteraction interaction) {
        Optional<TextChannel> channel = admitted(interaction);
        if (channel.isEmpty()) {
            return;
        }
        ChatOrigin origin = origins.of(interaction.getUser(), interaction.getServer(), channel.get());
        Optional<String> messageId = Optional.ofNullable(interaction.getMessage()).map(m -> Long.toString(m.getId()));
        String key = interaction.getCustomId();
        deferThen(interaction, (token, sink) -> bot.onButton(new ButtonPress(origin, key, messageId,
                Optional.of(token)), sink));
    }

    /** Answers an interaction that failed before it was deferred; after the deferral the sink answers. */
    void answerFailure(InteractionBase interaction, String message) {
        messages.answerNow(interaction, message);
    }

    static List<Attachment> images(Message message) {
        return message.getAttachments().stream().filter(DiscordAttachment::isImage)
                .map(a -> (Attachment) new DiscordAttachment(a)).toList();
    }

    /** The channel when the guards let the interaction through; else it was answered (ephemeral) already. */
    private Optional<TextChannel> admitted(InteractionBase interaction) {
        Optional<TextChannel> channel = interaction.getChannel();
        if (channel.isEmpty()) {
            messages.answerNow(interaction, UNSUPPORTED_CHANNEL);
            return Optional.empty();
        }
        Optional<String> refusal = origins.refusal(interaction.getServer(), channel.get());
        if (refusal.isPresent()) {
            messages.answerNow(interaction, refusal.get());
            return Optional.empty();
        }
        return channel;
    }

    /**
     * Defers now (the 3-second deadline), then runs the turn with a sink on the deferred response. A turn that
     * fails is answered with an incident id.
     */
    private void deferThen(InteractionBase interaction,
                           BiFunction<Interaction, InteractionReplySink, CompletableFuture<Void>> turn) {
        Instant expiresAt = interactions.expiryFromNow();
        interaction.respondLater().whenComplete((updater, deferFailed) -> {
            if (deferFailed != null) {
                // The token is gone (the 3 s passed, or Discord is down): no way left to answer this interaction.
                incidents.report("deferring an interaction", deferFailed);
                return;
            }
            LiveInteractions.Live live = interactions.register(interaction, expiresAt);
            InteractionReplySink sink = new InteractionReplySink(live, replies, renderer, incidents);
            Interaction token = new Interaction(interaction.getToken(), expiresAt);
            try {
                turn.apply(token, sink).whenComplete((done, failed) -> {
                    if (failed != null) {
                        sink.send(new Reply.Text(incidents.answer("a turn", failed)));
                    }
                });
            } catch (RuntimeException e) {
                sink.send(new Reply.Text(incidents.answer("starting a turn", e)));
            }
        });
    }
}

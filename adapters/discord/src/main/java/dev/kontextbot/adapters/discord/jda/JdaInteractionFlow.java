package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.ModalTargets;
import dev.kontextbot.adapters.discord.CommandArguments;
import dev.kontextbot.adapters.discord.CommandTexts;
import dev.kontextbot.adapters.discord.DiscordCommands;
import dev.kontextbot.adapters.discord.Incidents;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Slash commands, the "Edit with Kontext" context menu and its modal, and button presses on JDA. Each is checked by
 * the guards (answered at once, only to the asker), then deferred at once on this event's own virtual thread
 * (Discord's 3 seconds; no image work comes before it), then mapped to a chat event or button press for the bot,
 * whose replies edit the deferred response.
 */
final class JdaInteractionFlow {

    /** JDA reads every channel kind Discord has today; a newer one arrives without a channel. */
    static final String UNKNOWN_CHANNEL = "I can't work in this kind of channel yet. Please use a text channel, "
            + "a thread or a direct message.";

    private final KontextBot bot;
    private final JdaOrigins origins;
    private final CommandTexts texts;
    private final JdaInteractions interactions;
    private final JdaReplies replies;
    private final ModalTargets<Message> modalTargets;
    private final Incidents incidents;
    private final HttpClient http;
    private final long defaultUploadLimit;

    JdaInteractionFlow(KontextBot bot, JdaOrigins origins, CommandTexts texts, JdaInteractions interactions,
                       JdaReplies replies, ModalTargets<Message> modalTargets, Incidents incidents, HttpClient http,
                       long defaultUploadLimit) {
        this.bot = bot;
        this.origins = origins;
        this.texts = texts;
        this.interactions = interactions;
        this.replies = replies;
        this.modalTargets = modalTargets;
        this.incidents = incidents;
        this.http = http;
        this.defaultUploadLimit = defaultUploadLimit;
    }

    void onSlashCommand(SlashCommandInteractionEvent event) {
        Optional<Channel> channel = admitted(event);
        if (channel.isEmpty()) {
            return;
        }
        Map<String, String> strings = new HashMap<>();
        Map<String, Long> integers = new HashMap<>();
        Map<String, Double> numbers = new HashMap<>();
        List<Attachment> attachments = new ArrayList<>();
        for (OptionMapping option : event.getOptions()) {
            switch (option.getType()) {
                case STRING -> strings.put(option.getName(), option.getAsString());
                case INTEGER -> integers.put(option.getName(), option.getAsLong());
                case NUMBER -> numbers.put(option.getName(), option.getAsDouble());
                case ATTACHMENT -> attachments.add(new JdaAttachment(option.getAsAttachment(), http));
                default -> {
                    // The commands define no other option types.
                }
            }
        }
        String text = texts.text(event.getName(), new CommandArguments(strings, integers, numbers));
        ChatOrigin origin = origins.of(event.getUser(), event.getMember(), event.getGuild(), channel.get(),
                event.getRawData());
        deferThen(event, event.getRawData(), channel.get(), (token, sink) -> bot.onMessage(new ChatEvent(origin,
                Optional.empty(), text, attachments, Optional.empty(), Optional.of(token)), sink));
    }

    void onEditWithKontext(MessageContextInteractionEvent event) {
        if (admitted(event).isEmpty()) {
            return;
        }
        String customId = modalTargets.remember(event.getTarget().getIdLong(), event.getTarget());
        TextInput instruction = TextInput.create(ModalTargets.INSTRUCTION_INPUT, TextInputStyle.PARAGRAPH)
                .setRequired(true).build();
        event.replyModal(Modal.create(customId, DiscordCommands.EDIT_WITH_KONTEXT)
                .addComponents(Label.of("What should change?", instruction)).build()).complete();
    }

    void onModal(ModalInteractionEvent event) {
        Optional<Long> targetId = ModalTargets.messageId(event.getModalId());
        if (targetId.isEmpty()) {
            return;
        }
        Optional<Channel> channel = admitted(event);
        if (channel.isEmpty()) {
            return;
        }
        String instruction = Optional.ofNullable(event.getValue(ModalTargets.INSTRUCTION_INPUT))
                .map(v -> v.getAsString()).orElse("");
        Optional<Message> target = modalTargets.take(targetId.get());
        long self = event.getJDA().getSelfUser().getIdLong();
        // The bot's own result is found by its message id; pictures of other messages are attached as new input.
        List<Attachment> attachments = target.filter(m -> m.getAuthor().getIdLong() != self)
                .map(this::images).orElse(List.of());
        ChatOrigin origin = origins.of(event.getUser(), event.getMember(), event.getGuild(), channel.get(),
                event.getRawData());
        String text = texts.editInstruction(instruction);
        deferThen(event, event.getRawData(), channel.get(), (token, sink) -> bot.onMessage(new ChatEvent(origin,
                Optional.empty(), text, attachments, Optional.of(Long.toString(targetId.get())), Optional.of(token)),
                sink));
    }

    void onButton(ButtonInteractionEvent event) {
        Optional<Channel> channel = admitted(event);
        if (channel.isEmpty()) {
            return;
        }
        ChatOrigin origin = origins.of(event.getUser(), event.getMember(), event.getGuild(), channel.get(),
                event.getRawData());
        Optional<String> messageId = Optional.ofNullable(event.getMessage()).map(Message::getId);
        String key = event.getComponentId();
        deferThen(event, event.getRawData(), channel.get(), (token, sink) -> bot.onButton(new ButtonPress(origin, key,
                messageId, Optional.of(token)), sink));
    }

    /** Answers an interaction that failed before it was deferred; after the deferral the sink answers. */
    void answerNow(IReplyCallback interaction, String text) {
        interaction.reply(text).setEphemeral(true).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .complete();
    }

    List<Attachment> images(Message message) {
        return message.getAttachments().stream().map(a -> new JdaAttachment(a, http)).filter(JdaAttachment::isImage)
                .map(a -> (Attachment) a).toList();
    }

    List<Attachment> files(Message message) {
        return message.getAttachments().stream().map(a -> (Attachment) new JdaAttachment(a, http)).toList();
    }

    /** The channel when the guards let the interaction through; else it was answered (ephemeral) already. */
    private Optional<Channel> admitted(IReplyCallback interaction) {
        Channel channel = interaction.getChannel();
        if (channel == null) {
            answerNow(interaction, UNKNOWN_CHANNEL);
            return Optional.empty();
        }
        Optional<String> refusal = origins.refusal(interaction.getGuild(), channel);
        if (refusal.isPresent()) {
            answerNow(interaction, refusal.get());
            return Optional.empty();
        }
        return Optional.of(channel);
    }

    /**
     * Defers now (the 3-second deadline), then runs the turn with a sink on the deferred response. A turn that fails
     * is answered with an incident id.
     */
    private void deferThen(IReplyCallback interaction, DataObject rawEvent, Channel channel,
                           BiFunction<Interaction, JdaReplySink, CompletableFuture<Void>> turn) {
        Instant expiresAt = interactions.expiryFromNow();
        InteractionHook hook;
        try {
            hook = interaction.deferReply().complete();
        } catch (RuntimeException e) {
            // The token is gone (the 3 s passed, or Discord is down): no way left to answer this interaction.
            incidents.report("deferring an interaction", e);
            return;
        }
        long limit = JdaUploadLimits.ofInteraction(rawEvent, channel instanceof MessageChannel m ? m : null,
                defaultUploadLimit);
        JdaInteraction live = new JdaInteraction(hook, interaction.getToken(), expiresAt, limit, channel.getIdLong(),
                interaction.getUser().getIdLong());
        // The deferred "thinking" message: what a reply in the channel answers once the token is gone.
        if (hook.hasCallbackResponse() && hook.getCallbackResponse().getMessage() != null) {
            live.originalMessageId(hook.getCallbackResponse().getMessage().getId());
        }
        interactions.register(live);
        JdaReplySink sink = new JdaReplySink(reply -> replies.onInteraction(live, reply), incidents,
                "sending a reply to an interaction");
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
    }
}

package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageReference;
import org.javacord.api.entity.user.User;

/**
 * Conversation without commands: a reply to one of the bot's messages (any result: it edits from that version), a
 * message that mentions the bot, or a direct message. Other messages are not the bot's business. Reading the text
 * of replies that do not ping the bot needs the privileged Message Content intent; mentions and direct messages
 * carry their text without it.
 */
final class MessageFlow {

    private final KontextBot bot;
    private final DiscordOrigins origins;
    private final ChannelReplies replies;
    private final ReplyRenderer renderer;
    private final Incidents incidents;
    private final Pattern selfMention;

    MessageFlow(KontextBot bot, DiscordOrigins origins, ChannelReplies replies, ReplyRenderer renderer,
                Incidents incidents, long selfId) {
        this.bot = bot;
        this.origins = origins;
        this.replies = replies;
        this.renderer = renderer;
        this.incidents = incidents;
        this.selfMention = Pattern.compile("<@!?" + selfId + ">");
    }

    void onMessage(Message message) {
        MessageAuthor author = message.getAuthor();
        Optional<User> user = author.asUser();
        if (user.isEmpty() || user.get().isBot() || author.isYourself()) {
            return;
        }
        boolean direct = message.getServer().isEmpty();
        boolean mentioned = message.getMentionedUsers().stream().anyMatch(User::isYourself);
        boolean replyToBot = message.getReferencedMessage().map(m -> m.getAuthor().isYourself()).orElse(false);
        if (!direct && !mentioned && !replyToBot) {
            return;
        }
        String text = selfMention.matcher(message.getContent()).replaceAll(" ").strip().replaceAll("\\s+", " ");
        List<Attachment> images = InteractionFlow.images(message);
        if (text.isEmpty() && images.isEmpty()) {
            // Without the Message Content intent a reply that does not ping the bot arrives empty: nothing to do.
            return;
        }
        TextChannel channel = message.getChannel();
        ChannelReplySink sink = new ChannelReplySink(channel, message.getId(), replies, renderer, incidents);
        Optional<String> refusal = origins.refusal(message.getServer(), channel);
        if (refusal.isPresent()) {
            sink.send(new Reply.Text(refusal.get()));
            return;
        }
        Optional<String> replyTo = message.getMessageReference().flatMap(MessageReference::getMessageId)
                .map(id -> Long.toString(id));
        ChatEvent event = new ChatEvent(origins.of(user.get(), message.getServer(), channel),
                Optional.of(Long.toString(message.getId())), text, images, replyTo, Optional.empty());
        bot.onMessage(event, sink).whenComplete((done, failed) -> {
            if (failed != null) {
                sink.send(new Reply.Text(incidents.answer("a turn from a message", failed)));
            }
        });
    }
}

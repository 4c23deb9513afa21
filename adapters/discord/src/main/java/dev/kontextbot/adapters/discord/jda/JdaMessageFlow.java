package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.Incidents;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * Conversation without commands on JDA: a reply to one of the bot's messages (any result: it edits from that
 * version), a message that mentions the bot, or a direct message. Other messages are not the bot's business.
 * Reading the text of replies that do not ping the bot needs the privileged Message Content intent.
 */
final class JdaMessageFlow {

    private final KontextBot bot;
    private final JdaOrigins origins;
    private final JdaReplies replies;
    private final JdaInteractionFlow interactionFlow;
    private final Incidents incidents;
    private final long defaultUploadLimit;

    JdaMessageFlow(KontextBot bot, JdaOrigins origins, JdaReplies replies, JdaInteractionFlow interactionFlow,
                   Incidents incidents, long defaultUploadLimit) {
        this.bot = bot;
        this.origins = origins;
        this.replies = replies;
        this.interactionFlow = interactionFlow;
        this.incidents = incidents;
        this.defaultUploadLimit = defaultUploadLimit;
    }

    void onMessage(MessageReceivedEvent event) {
        Message message = event.getMessage();
        User author = event.getAuthor();
        User self = event.getJDA().getSelfUser();
        if (author.isBot() || author.isSystem() || author.getIdLong() == self.getIdLong() || event.isWebhookMessage()) {
            return;
        }
        Guild guild = event.isFromGuild() ? event.getGuild() : null;
        boolean mentioned = message.getMentions().getUsers().stream().anyMatch(u -> u.getIdLong() == self.getIdLong());
        Message referenced = message.getReferencedMessage();
        boolean replyToBot = referenced != null && referenced.getAuthor().getIdLong() == self.getIdLong();
        if (guild != null && !mentioned && !replyToBot) {
            return;
        }
        Pattern selfMention = Pattern.compile("<@!?" + self.getId() + ">");
        String text = selfMention.matcher(message.getContentRaw()).replaceAll(" ").strip().replaceAll("\\s+", " ");
        List<Attachment> images = interactionFlow.images(message);
        // Only files that are not pictures (a text file, a PDF): the bot reads them and says so in plain words.
        List<Attachment> files = images.isEmpty() ? interactionFlow.files(message) : images;
        if (text.isEmpty() && files.isEmpty()) {
            // Without the Message Content intent a reply that does not ping the bot arrives empty: nothing to do.
            return;
        }
        MessageChannel channel = event.getChannel();
        long limit = JdaUploadLimits.of(channel, defaultUploadLimit);
        Optional<Long> userMessage = Optional.of(message.getIdLong());
        JdaReplySink sink = new JdaReplySink(reply -> replies.toChannel(channel, reply, userMessage, Optional.empty(),
                limit), incidents, "sending a reply in a channel");
        Optional<String> refusal = origins.refusal(guild, channel);
        if (refusal.isPresent()) {
            sink.send(new Reply.Text(refusal.get()));
            return;
        }
        Optional<String> replyTo = Optional.ofNullable(message.getMessageReference())
                .map(MessageReference::getMessageId);
        ChatEvent chatEvent = new ChatEvent(origins.of(author, event.getMember(), guild, channel, null),
                Optional.of(message.getId()), text, files, replyTo, Optional.empty());
        bot.onMessage(chatEvent, sink).whenComplete((done, failed) -> {
            if (failed != null) {
                sink.send(new Reply.Text(incidents.answer("a turn from a message", failed)));
            }
        });
    }
}

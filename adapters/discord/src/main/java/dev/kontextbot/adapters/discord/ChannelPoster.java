package dev.kontextbot.adapters.discord;

import java.util.Optional;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;

/**
 * Plain channel messages: the boundary over Javacord's concrete {@code MessageBuilder} and {@code MessageUpdater},
 * which cannot run without a live connection. Blocking; called on bot threads, never on Javacord's.
 */
interface ChannelPoster {

    /**
     * @param replyTo the message this answers, shown as a reply (without pinging its author)
     * @param mention the one user this message may ping
     */
    Message post(TextChannel channel, Outgoing out, Optional<Long> replyTo, Optional<Long> mention);

    Message edit(Message message, Outgoing out);

    void delete(Message message);
}

package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import java.util.Optional;
import org.javacord.api.entity.channel.TextChannel;

/** The replies of one turn started by a plain message (a reply to a result, a mention): replies to that message. */
final class ChannelReplySink implements ReplySink {

    private final TextChannel channel;
    private final long userMessageId;
    private final ChannelReplies replies;
    private final ReplyRenderer renderer;
    private final Incidents incidents;

    ChannelReplySink(TextChannel channel, long userMessageId, ChannelReplies replies, ReplyRenderer renderer,
                     Incidents incidents) {
        this.channel = channel;
        this.userMessageId = userMessageId;
        this.replies = replies;
        this.renderer = renderer;
        this.incidents = incidents;
    }

    @Override
    public Optional<String> send(Reply reply) {
        return ReplySending.send(reply, renderer, incidents, "sending a reply in a channel",
                (outgoing, role, jobId) -> replies.send(channel, outgoing, role, jobId, Optional.of(userMessageId),
                        Optional.empty()));
    }
}

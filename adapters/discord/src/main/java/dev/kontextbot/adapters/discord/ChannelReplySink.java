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
        try {
            return replies.send(channel, renderer.render(reply), ReplyRole.of(reply), ReplyRole.jobId(reply),
                    Optional.of(userMessageId), Optional.empty());
        } catch (RuntimeException e) {
            String id = incidents.report("sending a reply in a channel", e);
            try {
                replies.send(channel, Outgoing.text(Incidents.message(id)), ReplyRole.OTHER, Optional.empty(),
                        Optional.of(userMessageId), Optional.empty());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            return Optional.empty();
        }
    }
}

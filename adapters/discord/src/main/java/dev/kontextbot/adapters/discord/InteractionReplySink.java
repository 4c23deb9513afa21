package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import java.util.Optional;

/** The replies of one turn started by an interaction (slash command, modal, button), on its deferred response. */
final class InteractionReplySink implements ReplySink {

    private final LiveInteractions.Live live;
    private final InteractionReplies replies;
    private final ReplyRenderer renderer;
    private final Incidents incidents;

    InteractionReplySink(LiveInteractions.Live live, InteractionReplies replies, ReplyRenderer renderer,
                         Incidents incidents) {
        this.live = live;
        this.replies = replies;
        this.renderer = renderer;
        this.incidents = incidents;
    }

    @Override
    public Optional<String> send(Reply reply) {
        return ReplySending.send(reply, renderer, incidents, "sending a reply to an interaction",
                (outgoing, role, jobId) -> replies.send(live, outgoing, role, jobId));
    }
}

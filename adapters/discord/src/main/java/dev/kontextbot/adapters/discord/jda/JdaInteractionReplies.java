package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.Outgoing;
import dev.kontextbot.adapters.discord.ReplyRole;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;

/**
 * Replies on a live interaction, as the Javacord side does them: the deferred original response is edited first; a
 * job's status (queued, progress) lives on the original response while it is free, else on a follow-up; the result
 * replaces its status in place, so one message goes queued, progress, result. Blocking; called on bot threads.
 */
final class JdaInteractionReplies {

    /**
     * @param jobId the job a status or result belongs to; a status that arrives after its job's result (progress and
     *              results travel on different threads) is dropped
     */
    Optional<String> send(JdaInteraction live, Outgoing out, ReplyRole role, Optional<String> jobId) {
        synchronized (live) {
            if (role == ReplyRole.STATUS && jobId.filter(live::finished).isPresent()) {
                return Optional.empty();
            }
            Optional<String> id = switch (role) {
                case STATUS -> status(live, out);
                case RESULT -> {
                    if (live.hasStatus()) {
                        Optional<String> shown = editStatus(live, out);
                        live.clearStatus();
                        yield shown;
                    }
                    yield other(live, out);
                }
                case OTHER -> other(live, out);
            };
            // Marked only once it is out: a result that failed (expired token) is still due in the channel.
            if (role == ReplyRole.RESULT) {
                jobId.ifPresent(live::finish);
            }
            return id;
        }
    }

    private Optional<String> status(JdaInteraction live, Outgoing out) {
        if (live.hasStatus()) {
            return editStatus(live, out);
        }
        if (!live.originalUsed()) {
            Optional<String> id = editOriginal(live, out);
            live.useOriginal(true);
            return id;
        }
        Optional<String> id = followup(live, out);
        id.ifPresent(live::statusOnFollowup);
        return id;
    }

    private Optional<String> editStatus(JdaInteraction live, Outgoing out) {
        Optional<String> followup = live.statusFollowupId();
        return followup.isPresent()
                ? id(live.hook().editMessageById(followup.get(), JdaRendering.edit(out)).complete())
                : editOriginal(live, out);
    }

    private Optional<String> other(JdaInteraction live, Outgoing out) {
        if (!live.originalUsed()) {
            Optional<String> id = editOriginal(live, out);
            live.useOriginal(false);
            return id;
        }
        return followup(live, out);
    }

    private static Optional<String> editOriginal(JdaInteraction live, Outgoing out) {
        Optional<String> id = id(live.hook().editOriginal(JdaRendering.edit(out)).complete());
        id.ifPresent(live::originalMessageId);
        return id;
    }

    private static Optional<String> followup(JdaInteraction live, Outgoing out) {
        return id(live.hook().sendMessage(JdaRendering.create(out, Optional.empty())).setEphemeral(out.ephemeral())
                .complete());
    }

    private static Optional<String> id(Message message) {
        return Optional.ofNullable(message).map(Message::getId);
    }
}

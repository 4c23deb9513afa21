package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Reply;
import java.util.Optional;

/**
 * Sends one reply of a turn to its Discord target; when that fails the error becomes an incident and the user gets
 * the incident message in the reply's place, so a failed send is never silent. Shared by the channel and
 * interaction reply sinks, which differ only in the target.
 */
final class ReplySending {

    /** One send of rendered content to a sink's target; returns the Discord message id when it has one. */
    @FunctionalInterface
    interface Target {
        Optional<String> send(Outgoing outgoing, ReplyRole role, Optional<String> jobId);
    }

    private ReplySending() {
    }

    /**
     * Renders and sends {@code reply}; on a failure reports it under {@code where}, sends the incident message
     * (a failure of that is added as suppressed to the first) and returns empty.
     */
    static Optional<String> send(Reply reply, ReplyRenderer renderer, Incidents incidents, String where,
                                 Target target) {
        try {
            return target.send(renderer.render(reply), ReplyRole.of(reply), ReplyRole.jobId(reply));
        } catch (RuntimeException e) {
            String id = incidents.report(where, e);
            try {
                target.send(Outgoing.text(Incidents.message(id)), ReplyRole.OTHER, Optional.empty());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            return Optional.empty();
        }
    }
}

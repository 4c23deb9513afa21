package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.Incidents;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import java.util.Optional;

/**
 * The replies of one turn, to where it started: the deferred interaction, or the user's message. When a send fails
 * the error becomes an incident and the user gets its message in the reply's place, so a failure is never silent.
 */
final class JdaReplySink implements ReplySink {

    /** One send of a reply to the turn's place; the Discord message id when it has one. */
    @FunctionalInterface
    interface Route {
        Optional<String> send(Reply reply);
    }

    private final Route route;
    private final Incidents incidents;
    private final String where;

    JdaReplySink(Route route, Incidents incidents, String where) {
        this.route = route;
        this.incidents = incidents;
        this.where = where;
    }

    @Override
    public Optional<String> send(Reply reply) {
        try {
            return route.send(reply);
        } catch (RuntimeException e) {
            String id = incidents.report(where, e);
            try {
                route.send(new Reply.Text(Incidents.message(id)));
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            return Optional.empty();
        }
    }
}

package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;

import java.util.Optional;

/** Turns replies into events on a browser session's stream; the returned message id is the event id. */
final class SessionReplies {
    /** The event that tells the page its session ended ("forget"): it fetches a new one and reconnects. */
    static final String SESSION_ENDED = "{\"type\":\"session_ended\"}";

    private final SessionStreams streams;
    private final ReplyJson replyJson;
    private final Json json;
    private final BrowserSessions sessions;

    SessionReplies(SessionStreams streams, ReplyJson replyJson, Json json, BrowserSessions sessions) {
        this.streams = streams;
        this.replyJson = replyJson;
        this.json = json;
        this.sessions = sessions;
    }

    Optional<String> publish(String sessionId, Reply reply) {
        String event = json.write(replyJson.reply(reply));
        long eventId = reply instanceof Reply.Progress progress
                ? streams.publish(sessionId, event, "progress:" + progress.jobId())
                : streams.publish(sessionId, event);
        return Optional.of("web-" + eventId);
    }

    /** The sink for one turn of this session. */
    ReplySink sinkFor(String sessionId) {
        return new ReplySink() {
            @Override
            public Optional<String> send(Reply reply) {
                return publish(sessionId, reply);
            }

            /** "forget" rotates the session id: the old cookie no longer opens anything. */
            @Override
            public void conversationForgotten() {
                sessions.retire(sessionId);
                streams.publish(sessionId, SESSION_ENDED);
            }
        };
    }
}

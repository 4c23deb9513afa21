package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;

import java.util.Optional;

/** Turns replies into events on a browser session's stream; the returned message id is the event id. */
final class SessionReplies {
    private final SessionStreams streams;
    private final ReplyJson replyJson;
    private final Json json;

    SessionReplies(SessionStreams streams, ReplyJson replyJson, Json json) {
        this.streams = streams;
        this.replyJson = replyJson;
        this.json = json;
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
        return reply -> publish(sessionId, reply);
    }
}

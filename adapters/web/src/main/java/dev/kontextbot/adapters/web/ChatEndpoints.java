package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Talking to the bot: messages (with an optional picture), reference pictures, result buttons, and the session's
 * event stream where every reply of a turn or a job arrives.
 */
final class ChatEndpoints {
    /** What the rule-based agent and the LLM agent both understand (see prompts' HelpText). */
    static final Map<String, String> REFERENCE_WITH_PICTURE = Map.of(
            "character", "use this as the character",
            "style", "make it in the style of this");
    static final Map<String, String> REFERENCE_FROM_CURRENT = Map.of("character", "/ref", "style", "/style");

    private static final Logger log = LoggerFactory.getLogger(ChatEndpoints.class);

    private final KontextBot bot;
    private final BrowserSessions sessions;
    private final SessionReplies replies;
    private final SessionStreams streams;
    private final Uploads uploads;
    private final Json json;

    ChatEndpoints(KontextBot bot, BrowserSessions sessions, SessionReplies replies, SessionStreams streams,
                  Uploads uploads, Json json) {
        this.bot = bot;
        this.sessions = sessions;
        this.replies = replies;
        this.streams = streams;
        this.uploads = uploads;
        this.json = json;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/api/messages", this::message);
        routes.post("/api/references", this::reference);
        routes.post("/api/actions/{key}", this::action);
        routes.sse("/api/events", this::events);
    }

    private void message(Context ctx) {
        String text = uploads.field(ctx, "text").map(String::strip).orElse("");
        Optional<UploadedImage> image = uploads.image(ctx, "image");
        if (text.isEmpty() && image.isEmpty()) {
            throw ApiException.badRequest("empty_message", "Say what to change, describe a picture, or attach one.");
        }
        List<Attachment> attachments = image.<List<Attachment>>map(List::of).orElse(List.of());
        send(ctx, text, attachments);
    }

    private void reference(Context ctx) {
        String kind = uploads.field(ctx, "kind").map(k -> k.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (!REFERENCE_WITH_PICTURE.containsKey(kind)) {
            throw ApiException.badRequest("bad_kind", "A reference is either 'character' or 'style'.");
        }
        Optional<UploadedImage> image = uploads.image(ctx, "image");
        boolean fromCurrent = uploads.field(ctx, "source").map("current"::equalsIgnoreCase).orElse(false);
        if (image.isPresent()) {
            send(ctx, REFERENCE_WITH_PICTURE.get(kind), List.of(image.get()));
        } else if (fromCurrent) {
            send(ctx, REFERENCE_FROM_CURRENT.get(kind), List.of());
        } else {
            throw ApiException.badRequest("no_picture", "Attach a picture, or send source=current to use the current one.");
        }
    }

    private void action(Context ctx) {
        String key = ctx.pathParam("key");
        if (key.isEmpty() || key.length() > 32) {
            throw ApiException.badRequest("bad_action", "That button is not known.");
        }
        String session = sessions.sessionId(ctx);
        ButtonPress press = new ButtonPress(BrowserSessions.origin(session), key, Optional.empty(), Optional.empty());
        watch(bot.onButton(press, replies.sinkFor(session)), session);
        json.respond(ctx, 202, Map.of("accepted", true));
    }

    private void send(Context ctx, String text, List<Attachment> attachments) {
        String session = sessions.sessionId(ctx);
        ChatOrigin origin = BrowserSessions.origin(session);
        ChatEvent event = new ChatEvent(origin, Optional.empty(), text, attachments, Optional.empty(), Optional.empty());
        watch(bot.onMessage(event, replies.sinkFor(session)), session);
        json.respond(ctx, 202, Map.of("accepted", true));
    }

    /** A turn that failed outside the bot's own error replies still tells the browser. */
    private void watch(CompletableFuture<Void> turn, String session) {
        turn.exceptionally(failure -> {
            log.warn("A web turn failed", failure);
            replies.publish(session, new Reply.Error("turn_failed", "Something went wrong on my side; please try again."));
            return null;
        });
    }

    private void events(SseClient client) {
        String session = sessions.sessionId(client.ctx());
        client.keepAlive();
        streams.attach(session, client, lastEventId(client.ctx()));
    }

    private static OptionalLong lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        try {
            return header == null || header.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

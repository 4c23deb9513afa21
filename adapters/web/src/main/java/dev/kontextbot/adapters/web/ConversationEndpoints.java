package dev.kontextbot.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.ConversationViews.ConversationViewException;
import dev.kontextbot.core.chat.ConversationViews.SettingsUpdate;
import dev.kontextbot.core.chat.ConversationViews.VersionView;
import dev.kontextbot.core.chat.Reply;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and navigating the session's conversation: the version tree, version images, go-to, the data for the
 * before/after comparison, settings and references.
 */
final class ConversationEndpoints {
    /** A random seed per edit, as {@link SettingsUpdate} spells it. */
    static final long RANDOM_SEED = -1;

    private final ConversationViews views;
    private final BrowserSessions sessions;
    private final ReplyJson replyJson;
    private final Json json;

    ConversationEndpoints(ConversationViews views, BrowserSessions sessions, ReplyJson replyJson, Json json) {
        this.views = views;
        this.sessions = sessions;
        this.replyJson = replyJson;
        this.json = json;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/history", this::history);
        routes.get("/api/versions/{id}/image", this::image);
        routes.post("/api/versions/{id}/current", this::goTo);
        routes.get("/api/compare/{id}", this::compare);
        routes.get("/api/settings", this::settings);
        routes.put("/api/settings", this::updateSettings);
        routes.get("/api/references", this::references);
    }

    private void history(Context ctx) throws ConversationViewException {
        List<VersionView> history = views.history(sessions.origin(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("currentId", history.stream().filter(VersionView::current).map(VersionView::id).findFirst().orElse(null));
        body.put("versions", replyJson.versions(history));
        json.respond(ctx, body);
    }

    private void image(Context ctx) throws ConversationViewException {
        String id = ctx.pathParam("id");
        boolean thumb = "1".equals(ctx.queryParam("thumb"));
        byte[] png = views.image(sessions.origin(ctx), id, thumb)
                .orElseThrow(() -> ApiException.notFound("There is no version " + id + " in this conversation."));
        if ("1".equals(ctx.queryParam("download"))) {
            ctx.header("Content-Disposition", "attachment; filename=\"kontextbot-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".png\"");
        }
        // A version's pixels never change once stored.
        ctx.header("Cache-Control", "private, max-age=31536000, immutable");
        ctx.contentType("image/png").result(png);
    }

    private void goTo(Context ctx) {
        Reply reply = views.goTo(sessions.origin(ctx), ctx.pathParam("id"));
        if (reply instanceof Reply.Error error) {
            throw new ApiException(ViewErrors.status(error.code()), error.code(), error.message());
        }
        json.respond(ctx, replyJson.reply(reply));
    }

    private void compare(Context ctx) throws ConversationViewException {
        String id = ctx.pathParam("id");
        List<VersionView> history = views.history(sessions.origin(ctx));
        VersionView version = find(history, id)
                .orElseThrow(() -> ApiException.notFound("There is no version " + id + " in this conversation."));
        Optional<VersionView> parent = version.parentId().flatMap(p -> find(history, p));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", replyJson.version(version));
        body.put("parent", parent.map(replyJson::version).orElse(null));
        json.respond(ctx, body);
    }

    private void settings(Context ctx) throws ConversationViewException {
        json.respond(ctx, replyJson.settings(views.settings(sessions.origin(ctx))));
    }

    private void updateSettings(Context ctx) throws ConversationViewException {
        JsonNode body = json.readObject(ctx);
        SettingsUpdate update = new SettingsUpdate(
                optionalInt(body, "steps"), optionalDouble(body, "guidance"), optionalSeed(body), optionalText(body, "aspect"));
        ChatOrigin origin = sessions.origin(ctx);
        json.respond(ctx, replyJson.settings(views.updateSettings(origin, update)));
    }

    private void references(Context ctx) throws ConversationViewException {
        json.respond(ctx, Map.of("references", views.references(sessions.origin(ctx)).stream().map(replyJson::reference).toList()));
    }

    private static Optional<VersionView> find(List<VersionView> history, String id) {
        return history.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    private static Optional<Integer> optionalInt(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiException.badRequest("bad_settings", "'" + field + "' must be a whole number.");
        }
        return Optional.of(node.intValue());
    }

    private static Optional<Double> optionalDouble(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest("bad_settings", "'" + field + "' must be a number.");
        }
        return Optional.of(node.doubleValue());
    }

    /** Absent: unchanged. null or -1: a random seed per edit. */
    private static Optional<Long> optionalSeed(JsonNode body) {
        if (!body.has("seed")) {
            return Optional.empty();
        }
        JsonNode node = body.get("seed");
        if (node.isNull()) {
            return Optional.of(RANDOM_SEED);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < RANDOM_SEED) {
            throw ApiException.badRequest("bad_settings", "'seed' must be a whole number, or null for a random seed.");
        }
        return Optional.of(node.longValue());
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("bad_settings", "'" + field + "' must be text, like \"1:1\" or \"16:9\".");
        }
        return Optional.of(node.textValue().strip());
    }
}

package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ReviewDesk;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review API behind the admin token (the access guard lets only PLAYGROUND_ADMIN_TOKEN through to /api/review*,
 * and keeps it off without one). The page is /review.html. Items name web sessions by their alias only.
 */
final class ReviewEndpoints {
    private static final int LIST_LIMIT = 200;

    private final Optional<ReviewDesk> desk;
    private final Json json;

    ReviewEndpoints(Optional<ReviewDesk> desk, Json json) {
        this.desk = desk;
        this.json = json;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/review", this::list);
        routes.get("/api/review/{id}/picture", this::picture);
        routes.post("/api/review/{id}/release", ctx -> act(ctx, (d, id) -> d.release(id, "playground admin")));
        routes.post("/api/review/{id}/delete", ctx -> act(ctx, (d, id) -> d.delete(id, "playground admin")));
        routes.post("/api/review/{id}/block", ctx -> act(ctx, (d, id) -> d.blockAuthor(id, "playground admin")));
    }

    private ReviewDesk desk() {
        return desk.orElseThrow(() -> new ApiException(404, "review_off", "There is no review list in this process."));
    }

    private void list(Context ctx) {
        List<Map<String, Object>> items = desk().items(LIST_LIMIT).stream().map(ReviewEndpoints::item).toList();
        json.respond(ctx, Map.of("items", items));
    }

    private void picture(Context ctx) {
        byte[] png = desk().picture(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("That picture is no longer kept."));
        ctx.header("Cache-Control", "no-store").contentType("image/png").result(png);
    }

    private interface Action {
        String apply(ReviewDesk desk, String id);
    }

    private void act(Context ctx, Action action) {
        try {
            json.respond(ctx, Map.of("message", action.apply(desk(), ctx.pathParam("id"))));
        } catch (ReviewDesk.ReviewException e) {
            int status = switch (e.code()) {
                case "not_found" -> 404;
                case "already_resolved" -> 409;
                default -> 400;
            };
            throw new ApiException(status, e.code(), e.getMessage());
        }
    }

    private static Map<String, Object> item(ReviewDesk.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind());
        m.put("status", e.status());
        m.put("platform", e.platform());
        m.put("chat", e.chatId());
        m.put("user", e.userId());
        m.put("userName", e.userName());
        m.put("text", e.text());
        m.put("reason", e.reason());
        m.put("scores", e.scores());
        m.put("createdAt", e.createdAt().toString());
        m.put("releasable", e.releasable());
        m.put("picture", e.hasPicture());
        return m;
    }
}

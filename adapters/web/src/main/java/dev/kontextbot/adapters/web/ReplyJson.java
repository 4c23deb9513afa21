package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ConversationViews.DriftView;
import dev.kontextbot.core.chat.ConversationViews.ReferenceView;
import dev.kontextbot.core.chat.ConversationViews.SettingsView;
import dev.kontextbot.core.chat.ConversationViews.VersionView;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON shapes (documented in docs/web-api.md). Images never travel inside JSON: an image reply carries the
 * URL of its version's PNG; progress previews, a few kilobytes each, travel as data: URLs.
 */
final class ReplyJson {

    Map<String, Object> reply(Reply reply) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (reply) {
            case Reply.Text text -> {
                json.put("type", "text");
                json.put("text", text.text());
                if (!text.actions().isEmpty()) {
                    json.put("actions", text.actions().stream().map(ReplyJson::action).toList());
                }
            }
            case Reply.Image image -> {
                json.put("type", "image");
                json.put("versionId", image.versionId());
                json.put("parentId", image.parentVersionId().orElse(null));
                json.put("number", image.versionNumber());
                json.put("width", image.width());
                json.put("height", image.height());
                json.put("caption", image.caption());
                json.put("standIn", image.standIn());
                json.put("jobId", image.jobId().orElse(null));
                json.put("url", imageUrl(image.versionId()));
                json.put("thumbUrl", thumbUrl(image.versionId()));
                json.put("actions", image.actions().stream().map(ReplyJson::action).toList());
            }
            case Reply.Variations variations -> {
                // Shown as tiles of the versions' own thumbnails: the grid picture is for chats without a page.
                json.put("type", "variations");
                json.put("caption", variations.caption());
                json.put("standIn", variations.standIn());
                json.put("jobId", variations.jobId().orElse(null));
                json.put("variations", variations.variations().stream().map(ReplyJson::variation).toList());
            }
            case Reply.Queued queued -> {
                json.put("type", "queued");
                json.put("jobId", queued.jobId());
                json.put("ahead", queued.ahead());
                json.put("etaSeconds", queued.eta().toSeconds());
            }
            case Reply.Progress progress -> {
                json.put("type", "progress");
                json.put("jobId", progress.jobId());
                json.put("step", progress.step());
                json.put("steps", progress.steps());
                json.put("remainingSeconds", progress.remaining().toSeconds());
                json.put("preview", progress.previewPng()
                        .map(png -> "data:image/png;base64," + Base64.getEncoder().encodeToString(png)).orElse(null));
            }
            case Reply.File file -> {
                // The playground downloads originals through its image URL; the bytes never travel in JSON.
                json.put("type", "file");
                json.put("fileName", file.fileName());
                json.put("caption", file.caption());
                json.put("url", file.versionId().map(ReplyJson::imageUrl).orElse(null));
            }
            case Reply.Error error -> {
                json.put("type", "error");
                json.put("code", error.code());
                json.put("message", error.message());
                json.put("jobId", error.jobId().orElse(null));
            }
        }
        return json;
    }

    Map<String, Object> version(VersionView v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", v.id());
        json.put("number", v.number());
        json.put("parentId", v.parentId().orElse(null));
        json.put("instruction", v.instructionTyped());
        json.put("instructionSent", v.instructionSent());
        json.put("seed", v.seed());
        json.put("width", v.width());
        json.put("height", v.height());
        json.put("createdAt", v.createdAt().toString());
        json.put("current", v.current());
        json.put("onCurrentPath", v.onCurrentPath());
        json.put("url", imageUrl(v.id()));
        json.put("thumbUrl", thumbUrl(v.id()));
        json.put("drift", v.drift().map(ReplyJson::drift).orElse(null));
        return json;
    }

    private static Map<String, Object> drift(DriftView d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", d.summary());
        json.put("past", d.past());
        json.put("hint", d.hint().orElse(null));
        json.put("parts", d.parts().stream().map(p -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("key", p.key());
            part.put("label", p.label());
            part.put("value", p.value());
            part.put("level", p.level());
            part.put("past", p.past());
            part.put("words", p.words());
            return part;
        }).toList());
        return json;
    }

    Map<String, Object> settings(SettingsView s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", s.steps());
        // null: the installed family takes no guidance (klein).
        json.put("guidance", s.guidance().isPresent() ? s.guidance().getAsDouble() : null);
        json.put("seed", s.seed().isPresent() ? s.seed().getAsLong() : null);
        json.put("aspect", s.aspect().orElse(null));
        return json;
    }

    Map<String, Object> reference(ReferenceView r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", r.kind());
        json.put("name", r.name());
        json.put("source", r.versionOrBlobId());
        return json;
    }

    List<Map<String, Object>> versions(List<VersionView> history) {
        return history.stream().map(this::version).toList();
    }

    static String imageUrl(String versionId) {
        return "/api/versions/" + pathSegment(versionId) + "/image";
    }

    static String thumbUrl(String versionId) {
        return imageUrl(versionId) + "?thumb=1";
    }

    private static Map<String, Object> action(ReplyAction action) {
        return Map.of("kind", action.kind().name().toLowerCase(java.util.Locale.ROOT), "key", action.key(),
                "label", action.label());
    }

    private static Map<String, Object> variation(Reply.Variations.Variation v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", v.number());
        json.put("versionId", v.versionId());
        json.put("versionNumber", v.versionNumber());
        json.put("width", v.width());
        json.put("height", v.height());
        json.put("url", imageUrl(v.versionId()));
        json.put("thumbUrl", thumbUrl(v.versionId()));
        json.put("pick", action(v.pick()));
        return json;
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ConversationViews.ConversationViewException;

import java.util.Locale;

/** Maps the bot's view failures to HTTP: unknown or foreign versions are 404, an unreachable store is 503. */
final class ViewErrors {
    private ViewErrors() {
    }

    static ApiException toApi(ConversationViewException e) {
        String code = e.code() == null ? "view_failed" : e.code();
        String lower = code.toLowerCase(Locale.ROOT);
        int status;
        if (lower.contains("not_found") || lower.contains("unknown") || lower.contains("foreign")
                || lower.contains("other_conversation")) {
            status = 404;
        } else if (lower.contains("unavailable") || lower.contains("store") || lower.contains("redis")) {
            status = 503;
        } else {
            status = 400;
        }
        return new ApiException(status, code, e.getMessage());
    }
}

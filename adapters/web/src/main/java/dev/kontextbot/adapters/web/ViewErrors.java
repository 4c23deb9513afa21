package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ConversationViews.ConversationViewException;

import java.util.Locale;

/**
 * Maps the bot's failure codes (ConversationViewException codes, and the codes of error replies from go-to) to HTTP:
 * unknown, pruned or foreign versions are 404, an unreachable store is 503, anything else the user asked wrongly 400.
 */
final class ViewErrors {
    private ViewErrors() {
    }

    static ApiException toApi(ConversationViewException e) {
        String code = e.code() == null ? "view_failed" : e.code();
        return new ApiException(status(code), code, e.getMessage());
    }

    static int status(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.contains("not_found") || lower.contains("not_in_this_conversation") || lower.contains("pruned")
                || lower.contains("missing")) {
            return 404;
        }
        if (lower.contains("unavailable")) {
            return 503;
        }
        if (lower.equals("internal")) {
            return 500;
        }
        return 400;
    }
}

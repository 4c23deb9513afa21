package dev.kontextbot.adapters.telegram;

import java.util.ArrayList;
import java.util.List;

/** Telegram's text limits: 4096 characters per message, 1024 per caption. */
final class TelegramText {

    static final int MAX_MESSAGE = 4096;
    static final int MAX_CAPTION = 1024;

    private TelegramText() {
    }

    /** Cuts a caption to the limit, marking the cut with an ellipsis. */
    static String caption(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_CAPTION ? text : text.substring(0, MAX_CAPTION - 1) + "…";
    }

    /** Splits a long text into messages, preferring line breaks, then spaces, as cut points. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text == null || text.isBlank() ? "…" : text;
        while (rest.length() > MAX_MESSAGE) {
            int cut = rest.lastIndexOf('\n', MAX_MESSAGE);
            if (cut < MAX_MESSAGE / 2) {
                cut = rest.lastIndexOf(' ', MAX_MESSAGE);
            }
            if (cut < MAX_MESSAGE / 2) {
                cut = MAX_MESSAGE;
            }
            if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                cut--; // never split an emoji in two
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }
}

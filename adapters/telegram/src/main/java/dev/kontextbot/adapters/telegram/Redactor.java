package dev.kontextbot.adapters.telegram;

/** The bot token is part of every Bot API URL, so any text that may hold a URL goes through here before a log. */
record Redactor(String token) {

    String redact(String text) {
        return text == null ? "" : text.replace(token, "<token>");
    }

    String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + redact(error.getMessage());
    }
}

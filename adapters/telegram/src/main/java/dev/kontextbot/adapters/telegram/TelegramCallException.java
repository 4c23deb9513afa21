package dev.kontextbot.adapters.telegram;

/** A Bot API call failed for good (after waiting out any flood limit); the message never contains the token. */
final class TelegramCallException extends Exception {
    private final int errorCode;

    TelegramCallException(String message, int errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The Bot API error code, or 0 when the call did not get an answer. */
    int errorCode() {
        return errorCode;
    }
}

package dev.kontextbot.adapters.telegram;

/** The adapter could not start (bad token, Bot API unreachable, webhook port taken); the message says why. */
public final class TelegramStartException extends Exception {
    public TelegramStartException(String plainMessage, Throwable cause) {
        super(plainMessage, cause);
    }

    public TelegramStartException(String plainMessage) {
        super(plainMessage);
    }
}

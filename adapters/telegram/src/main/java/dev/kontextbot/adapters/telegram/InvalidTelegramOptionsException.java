package dev.kontextbot.adapters.telegram;

/** The Telegram configuration is unusable; the message says what to fix, in plain words. */
public final class InvalidTelegramOptionsException extends IllegalArgumentException {
    public InvalidTelegramOptionsException(String plainMessage) {
        super(plainMessage);
    }
}

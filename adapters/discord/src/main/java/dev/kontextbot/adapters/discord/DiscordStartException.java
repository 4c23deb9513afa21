package dev.kontextbot.adapters.discord;

/** The adapter could not connect to Discord; the message says why in plain words (never the token). */
public final class DiscordStartException extends RuntimeException {
    public DiscordStartException(String plainMessage, Throwable cause) {
        super(plainMessage, cause);
    }
}

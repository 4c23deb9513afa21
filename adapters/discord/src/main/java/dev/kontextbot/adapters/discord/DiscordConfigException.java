package dev.kontextbot.adapters.discord;

/** A Discord setting is missing or out of range; the message says which, in plain words. */
public final class DiscordConfigException extends IllegalArgumentException {
    public DiscordConfigException(String plainMessage) {
        super(plainMessage);
    }
}

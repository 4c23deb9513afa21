package dev.kontextbot.adapters.discord;

import java.util.Locale;

/**
 * The Discord library the adapter runs on (issue 23). Javacord is the design's and the default; JDA is maintained,
 * speaks components v2 and handles interactions from places it does not cache (user-installed apps).
 */
public enum DiscordLibrary {
    JAVACORD, JDA;

    /** {@code "javacord"} or {@code "jda"}, any case. */
    public static DiscordLibrary parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DiscordConfigException("DISCORD_LIBRARY must be javacord or jda, not \"" + value + "\".");
        }
    }
}

package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ChatPlatform;

/** A running Discord adapter, whichever library it sits on (DISCORD_LIBRARY): what the composition root calls. */
public interface DiscordBot extends AutoCloseable {

    /**
     * Connects and starts answering; blocks until Discord accepted the login.
     *
     * @throws DiscordStartException when Discord refuses the token or the intents, in plain words
     */
    void start();

    /** The platform the bot delivers late replies to; only after {@link #start()}. */
    ChatPlatform platform();

    /** The invite link: bot and command scopes, and the permissions the bot uses. */
    String inviteUrl();

    @Override
    void close();
}

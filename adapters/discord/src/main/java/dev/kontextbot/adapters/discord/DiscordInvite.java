package dev.kontextbot.adapters.discord;

/**
 * The invite link: scopes {@code bot applications.commands}, and the permissions the bot uses: View Channels,
 * Send Messages, Send Messages in Threads, Embed Links, Attach Files, Read Message History.
 */
public final class DiscordInvite {

    /** 1024 + 2048 + 274877906944 + 16384 + 32768 + 65536 (see docs/discord.md for each bit). */
    public static final long PERMISSIONS = 1024L | 2048L | 274_877_906_944L | 16_384L | 32_768L | 65_536L;

    private DiscordInvite() {
    }

    public static String url(long applicationId) {
        return "https://discord.com/oauth2/authorize?client_id=" + applicationId + "&scope=bot+applications.commands"
                + "&permissions=" + PERMISSIONS;
    }
}

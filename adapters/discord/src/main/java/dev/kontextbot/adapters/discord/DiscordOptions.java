package dev.kontextbot.adapters.discord;

import java.util.Optional;
import java.util.Set;

/**
 * Configuration of the Discord adapter. Empty allowlists allow every guild and channel (and direct messages); a
 * non-empty one allows only what it names (direct messages then are refused). {@code attachmentLimitBytes} is the
 * upload limit of interactions and messages (Discord's default is 10 MiB). The token never appears in
 * {@link #toString()}.
 *
 * @param guildId   register the commands in this guild only (instant), else globally (may take up to an hour)
 * @param library   the library the adapter runs on (issue 23)
 * @param endpoints Discord's REST base and gateway, or a fake's or a proxy's
 */
public record DiscordOptions(String token, Optional<Long> guildId, boolean messageContentIntent,
                             Set<Long> allowedGuilds, Set<Long> allowedChannels, Set<Long> adminUsers,
                             Set<Long> adminRoles, int shardCount, int shardId, long attachmentLimitBytes,
                             boolean previews, DiscordLibrary library, DiscordEndpoints endpoints) {

    /** Discord's default upload limit for bots, webhooks and interaction responses since January 2025. */
    public static final long DEFAULT_ATTACHMENT_LIMIT = 10L * 1024 * 1024;

    public DiscordOptions {
        if (token == null || token.isBlank()) {
            throw new DiscordConfigException("The Discord bot token is missing: set DISCORD_TOKEN.");
        }
        guildId = guildId == null ? Optional.empty() : guildId;
        library = library == null ? DiscordLibrary.JAVACORD : library;
        endpoints = endpoints == null ? DiscordEndpoints.discord() : endpoints;
        allowedGuilds = allowedGuilds == null ? Set.of() : Set.copyOf(allowedGuilds);
        allowedChannels = allowedChannels == null ? Set.of() : Set.copyOf(allowedChannels);
        adminUsers = adminUsers == null ? Set.of() : Set.copyOf(adminUsers);
        adminRoles = adminRoles == null ? Set.of() : Set.copyOf(adminRoles);
        if (shardCount < 1) {
            throw new DiscordConfigException("The shard count must be at least 1, not " + shardCount + ".");
        }
        if (shardId < 0 || shardId >= shardCount) {
            throw new DiscordConfigException("The shard id must be between 0 and " + (shardCount - 1) + ", not "
                    + shardId + ".");
        }
        if (attachmentLimitBytes < 64 * 1024) {
            throw new DiscordConfigException("The attachment limit must be at least 64 KiB, not "
                    + attachmentLimitBytes + " bytes.");
        }
    }

    /** On Javacord, against Discord itself. */
    public DiscordOptions(String token, Optional<Long> guildId, boolean messageContentIntent, Set<Long> allowedGuilds,
                          Set<Long> allowedChannels, Set<Long> adminUsers, Set<Long> adminRoles, int shardCount,
                          int shardId, long attachmentLimitBytes, boolean previews) {
        this(token, guildId, messageContentIntent, allowedGuilds, allowedChannels, adminUsers, adminRoles, shardCount,
                shardId, attachmentLimitBytes, previews, DiscordLibrary.JAVACORD, DiscordEndpoints.discord());
    }

    /** The same options on {@code library}, talking to {@code endpoints}. */
    public DiscordOptions on(DiscordLibrary library, DiscordEndpoints endpoints) {
        return new DiscordOptions(token, guildId, messageContentIntent, allowedGuilds, allowedChannels, adminUsers,
                adminRoles, shardCount, shardId, attachmentLimitBytes, previews, library, endpoints);
    }

    /** One shard, global commands, Message Content off (slash commands, mentions and DMs work without it), no
     * allowlists or admins, 10 MiB, previews on. */
    public static DiscordOptions defaults(String token) {
        return new DiscordOptions(token, Optional.empty(), false, Set.of(), Set.of(), Set.of(), Set.of(), 1, 0,
                DEFAULT_ATTACHMENT_LIMIT, true);
    }

    @Override
    public String toString() {
        return "DiscordOptions[token=***, guildId=" + guildId + ", messageContentIntent=" + messageContentIntent
                + ", allowedGuilds=" + allowedGuilds + ", allowedChannels=" + allowedChannels + ", adminUsers="
                + adminUsers + ", adminRoles=" + adminRoles + ", shardCount=" + shardCount + ", shardId=" + shardId
                + ", attachmentLimitBytes=" + attachmentLimitBytes + ", previews=" + previews + ", library=" + library
                + ", endpoints=" + endpoints + "]";
    }
}

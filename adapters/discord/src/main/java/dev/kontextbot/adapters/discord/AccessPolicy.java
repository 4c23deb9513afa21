package dev.kontextbot.adapters.discord;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator's guards: which guilds and channels the bot answers in, and who is an admin (cancels any job, sees
 * the queue). A refusal is one sentence in plain words, sent only to the person who asked (ephemeral).
 */
public final class AccessPolicy {

    private final DiscordOptions options;

    public AccessPolicy(DiscordOptions options) {
        this.options = options;
    }

    /**
     * @param guildId   the guild, or empty in a direct message
     * @param channelId the channel (a thread counts as its own channel, and as allowed when its parent is)
     */
    public Optional<String> refusal(Optional<Long> guildId, long channelId, Optional<Long> parentChannelId) {
        boolean restricted = !options.allowedGuilds().isEmpty() || !options.allowedChannels().isEmpty();
        if (guildId.isEmpty()) {
            return restricted
                    ? Optional.of("I only work in the servers and channels I was set up for, not in direct messages.")
                    : Optional.empty();
        }
        if (!options.allowedGuilds().isEmpty() && !options.allowedGuilds().contains(guildId.get())) {
            return Optional.of("I'm not enabled in this server. Ask the person who runs this bot to allow it.");
        }
        if (!options.allowedChannels().isEmpty() && !options.allowedChannels().contains(channelId)
                && parentChannelId.map(p -> !options.allowedChannels().contains(p)).orElse(true)) {
            return Optional.of("I don't work in this channel. Try " + channelMentions(options.allowedChannels())
                    + ".");
        }
        return Optional.empty();
    }

    public boolean admin(long userId, Collection<Long> roleIds) {
        return options.adminUsers().contains(userId) || roleIds.stream().anyMatch(options.adminRoles()::contains);
    }

    private static String channelMentions(Collection<Long> channels) {
        String shown = channels.stream().sorted().limit(3).map(id -> "<#" + id + ">").collect(Collectors.joining(", "));
        return channels.size() > 3 ? shown + " or another allowed channel" : shown;
    }
}

package dev.kontextbot.adapters.discord.jda;

import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * How large an upload Discord accepts here. An interaction says so itself ({@code attachment_size_limit}, which JDA
 * does not read: it comes from the raw gateway event); elsewhere the server's boost tier decides (10 MiB unboosted,
 * 50 MiB at tier 2, 100 MiB at tier 3), and outside a server the configured default.
 */
final class JdaUploadLimits {

    private JdaUploadLimits() {
    }

    /** The limit from a raw INTERACTION_CREATE payload ({@code {"t":..., "d":{...}}}), else the channel's. */
    static long ofInteraction(DataObject rawEvent, MessageChannel channel, long fallback) {
        if (rawEvent != null) {
            DataObject data = rawEvent.optObject("d").orElse(rawEvent);
            long limit = data.getLong("attachment_size_limit", 0);
            if (limit > 0) {
                return limit;
            }
        }
        return of(channel, fallback);
    }

    static long of(MessageChannel channel, long fallback) {
        if (channel instanceof GuildChannel guildChannel && !guildChannel.getGuild().isDetached()) {
            return Math.max(fallback, guildChannel.getGuild().getMaxFileSize());
        }
        return fallback;
    }
}

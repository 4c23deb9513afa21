package dev.kontextbot.adapters.discord.jda;

import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * The channel a late reply goes to: a guild channel or thread JDA caches, else the user's direct-message channel
 * when that is the one (JDA keeps few DM channels; opening one is idempotent at Discord). Set once JDA is ready.
 */
final class JdaChannels {

    private volatile JDA jda;

    void attach(JDA ready) {
        this.jda = ready;
    }

    Optional<MessageChannel> find(long channelId, long userId) {
        JDA current = jda;
        if (current == null) {
            return Optional.empty();
        }
        MessageChannel cached = current.getChannelById(MessageChannel.class, channelId);
        if (cached != null) {
            return Optional.of(cached);
        }
        MessageChannel direct = current.getPrivateChannelById(channelId);
        if (direct != null) {
            return Optional.of(direct);
        }
        MessageChannel opened = current.openPrivateChannelById(userId).complete();
        return opened.getIdLong() == channelId ? Optional.of(opened) : Optional.empty();
    }
}

package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.AccessPolicy;
import dev.kontextbot.adapters.discord.DiscordDelivery;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.attribute.IAgeRestrictedChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Who and where, for the bot, as on Javacord: the channel is the chat (a thread is a chat of its own), the guild is
 * the group for rate limits, the shown name is the server nickname or the user's global display name, and the
 * admin flag comes from the configured users and roles. A guild JDA does not cache (a user-installed app in a
 * foreign server) arrives detached: its id is known, the member's role ids come from the raw interaction.
 */
final class JdaOrigins {

    private final AccessPolicy access;

    JdaOrigins(AccessPolicy access) {
        this.access = access;
    }

    /** @param rawEvent the gateway event, for the role ids of a detached member (JDA knows no roles there) */
    ChatOrigin of(User user, Member member, Guild guild, Channel channel, DataObject rawEvent) {
        String name = member != null ? member.getEffectiveName() : user.getEffectiveName();
        List<Long> roles = member == null ? List.of() : member.isDetached() ? rawRoles(rawEvent)
                : member.getUnsortedRoles().stream().map(ISnowflake::getIdLong).toList();
        ChatUser chatUser = new ChatUser(user.getId(), name, access.admin(user.getIdLong(), roles));
        return new ChatOrigin(DiscordDelivery.PLATFORM, channel.getId(), Optional.empty(), chatUser, guild == null,
                Optional.ofNullable(guild).map(Guild::getId), ageRestricted(channel));
    }

    private static List<Long> rawRoles(DataObject rawEvent) {
        if (rawEvent == null) {
            return List.of();
        }
        DataObject data = rawEvent.optObject("d").orElse(rawEvent);
        return data.optObject("member").flatMap(m -> m.optArray("roles"))
                .map(roles -> roles.stream(DataArray::getString).map(Long::parseLong).toList()).orElse(List.of());
    }

    /** Discord's age-restricted ("NSFW") flag; a thread has its parent channel's. */
    static boolean ageRestricted(Channel channel) {
        Channel place = channel instanceof ThreadChannel thread ? thread.getParentChannel() : channel;
        return place instanceof IAgeRestrictedChannel restricted && restricted.isNSFW();
    }

    Optional<String> refusal(Guild guild, Channel channel) {
        Optional<Long> parent = channel instanceof ThreadChannel thread
                ? Optional.of(thread.getParentChannel().getIdLong()) : Optional.empty();
        return access.refusal(Optional.ofNullable(guild).map(Guild::getIdLong), channel.getIdLong(), parent);
    }
}

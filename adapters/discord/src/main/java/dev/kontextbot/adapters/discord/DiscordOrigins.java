package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import java.util.List;
import java.util.Optional;
import org.javacord.api.entity.channel.ServerThreadChannel;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.channel.TextableRegularServerChannel;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;

/**
 * Who and where, for the bot: the channel is the chat (a thread is a chat of its own, so each thread keeps its own
 * edit history), the guild is the group for rate limits, and the admin flag comes from the configured users and
 * roles.
 */
final class DiscordOrigins {

    private final AccessPolicy access;

    DiscordOrigins(AccessPolicy access) {
        this.access = access;
    }

    ChatOrigin of(User user, Optional<Server> server, TextChannel channel) {
        String name = server.map(user::getDisplayName).orElseGet(user::getName);
        List<Long> roles = server.map(s -> user.getRoles(s).stream().map(Role::getId).toList()).orElse(List.of());
        ChatUser chatUser = new ChatUser(Long.toString(user.getId()), name, access.admin(user.getId(), roles));
        return new ChatOrigin(DiscordDelivery.PLATFORM, Long.toString(channel.getId()), Optional.empty(), chatUser,
                server.isEmpty(), server.map(s -> Long.toString(s.getId())), ageRestricted(channel));
    }

    /** Discord's age-restricted ("NSFW") flag; a thread has its parent channel's. */
    static boolean ageRestricted(TextChannel channel) {
        Optional<org.javacord.api.entity.channel.Channel> place = channel.asServerThreadChannel()
                .<org.javacord.api.entity.channel.Channel>map(ServerThreadChannel::getParent).or(() -> Optional.of(channel));
        return place.flatMap(org.javacord.api.entity.channel.Channel::asTextableRegularServerChannel)
                .map(TextableRegularServerChannel::isNsfw).orElse(false);
    }

    Optional<String> refusal(Optional<Server> server, TextChannel channel) {
        Optional<Long> parent = channel.asServerThreadChannel().map(ServerThreadChannel::getParent).map(p -> p.getId());
        return access.refusal(server.map(Server::getId), channel.getId(), parent);
    }
}

package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ReviewDesk;
import java.util.Set;
import org.javacord.api.DiscordApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Safety notices as direct messages to the admin users (DISCORD_ADMIN_USERS); Javacord sends asynchronously. */
final class AdminNotices {

    private static final Logger log = LoggerFactory.getLogger(AdminNotices.class);

    private final DiscordApi api;
    private final Set<Long> admins;

    AdminNotices(DiscordApi api, Set<Long> admins) {
        this.api = api;
        this.admins = Set.copyOf(admins);
    }

    void tell(ReviewDesk.Entry entry) {
        String text = entry.notice();
        for (long admin : admins) {
            api.getUserById(admin).thenCompose(user -> user.sendMessage(text)).exceptionally(e -> {
                log.warn("Could not send a safety notice to Discord admin {}: {}", admin, e.toString());
                return null;
            });
        }
    }
}

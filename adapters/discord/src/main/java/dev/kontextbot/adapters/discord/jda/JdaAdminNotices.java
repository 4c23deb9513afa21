package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.core.chat.ReviewDesk;
import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Safety notices as direct messages to the admin users (DISCORD_ADMIN_USERS); JDA sends asynchronously. */
final class JdaAdminNotices {

    private static final Logger log = LoggerFactory.getLogger(JdaAdminNotices.class);

    private final JDA jda;
    private final Set<Long> admins;

    JdaAdminNotices(JDA jda, Set<Long> admins) {
        this.jda = jda;
        this.admins = Set.copyOf(admins);
    }

    void tell(ReviewDesk.Entry entry) {
        String text = entry.notice();
        for (long admin : admins) {
            jda.openPrivateChannelById(admin)
                    .flatMap(channel -> channel.sendMessage(text)
                            .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)))
                    .queue(sent -> { }, e -> log.warn("Could not send a safety notice to Discord admin {}: {}", admin,
                            e.toString()));
        }
    }
}

package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.DiscordDelivery;
import dev.kontextbot.adapters.discord.Incidents;
import dev.kontextbot.adapters.discord.ProgressThrottle;
import dev.kontextbot.adapters.discord.ReplyRole;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyTarget;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "discord" platform's late replies on JDA. While the job's interaction token lives, progress (at most every
 * 1.5 s) and the result edit its status message; after the token's 15 minutes, or after a restart, they go to the
 * channel: progress on a status message of its own, the result as a reply that mentions the user.
 */
final class JdaDelivery implements ChatPlatform {

    private static final Logger log = LoggerFactory.getLogger(JdaDelivery.class);

    private final JdaInteractions interactions;
    private final JdaReplies replies;
    private final JdaChannels channels;
    private final ProgressThrottle throttle;
    private final long defaultUploadLimit;
    private final Incidents incidents;

    JdaDelivery(JdaInteractions interactions, JdaReplies replies, JdaChannels channels, ProgressThrottle throttle,
                long defaultUploadLimit, Incidents incidents) {
        this.interactions = interactions;
        this.replies = replies;
        this.channels = channels;
        this.throttle = throttle;
        this.defaultUploadLimit = defaultUploadLimit;
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return DiscordDelivery.PLATFORM;
    }

    @Override
    public Optional<String> deliver(ReplyTarget target, Reply reply) {
        if (!DiscordDelivery.PLATFORM.equals(target.platform())) {
            return Optional.empty();
        }
        if (reply instanceof Reply.Progress progress && !throttle.tryPass(progress.jobId())) {
            return Optional.empty();
        }
        ReplyRole role = ReplyRole.of(reply);
        if (role == ReplyRole.RESULT) {
            ReplyRole.jobId(reply).ifPresent(throttle::finish);
        }
        try {
            Optional<JdaInteraction> live = target.interaction().flatMap(i -> interactions.find(i.token()));
            if (live.isPresent()) {
                return replies.onInteraction(live.get(), reply);
            }
            long channelId = Long.parseLong(target.threadId().orElse(target.chatId()));
            long userId = Long.parseLong(target.userId());
            Optional<MessageChannel> channel = channels.find(channelId, userId);
            if (channel.isEmpty()) {
                log.warn("Cannot deliver to channel {}: the bot cannot see it (removed, or no permission)", channelId);
                return Optional.empty();
            }
            Optional<Long> mention = role == ReplyRole.STATUS ? Optional.empty() : Optional.of(userId);
            return replies.toChannel(channel.get(), reply, target.replyToMessageId().map(Long::parseLong), mention,
                    JdaUploadLimits.of(channel.get(), defaultUploadLimit));
        } catch (RuntimeException e) {
            incidents.report("delivering a " + reply.getClass().getSimpleName() + " to channel " + target.chatId(), e);
            return Optional.empty();
        }
    }
}

package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyTarget;
import java.util.Optional;
import java.util.function.LongFunction;
import org.javacord.api.entity.channel.TextChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "discord" platform's late replies. While the job's interaction token lives, progress (at most every 1.5 s)
 * and the result edit its status message; after the token's 15 minutes, or after a restart, they go to the channel:
 * progress on a status message of its own, the result as a reply that mentions the user.
 */
public final class DiscordDelivery implements ChatPlatform {

    public static final String PLATFORM = "discord";

    private static final Logger log = LoggerFactory.getLogger(DiscordDelivery.class);

    private final LiveInteractions interactions;
    private final InteractionReplies interactionReplies;
    private final ChannelReplies channelReplies;
    private final ReplyRenderer renderer;
    private final ProgressThrottle throttle;
    private final LongFunction<Optional<TextChannel>> channels;
    private final Incidents incidents;

    DiscordDelivery(LiveInteractions interactions, InteractionReplies interactionReplies,
                    ChannelReplies channelReplies, ReplyRenderer renderer, ProgressThrottle throttle,
                    LongFunction<Optional<TextChannel>> channels, Incidents incidents) {
        this.interactions = interactions;
        this.interactionReplies = interactionReplies;
        this.channelReplies = channelReplies;
        this.renderer = renderer;
        this.throttle = throttle;
        this.channels = channels;
        this.incidents = incidents;
    }

    @Override
    public String name() {
        return PLATFORM;
    }

    @Override
    public Optional<String> deliver(ReplyTarget target, Reply reply) {
        if (!PLATFORM.equals(target.platform())) {
            return Optional.empty();
        }
        ReplyRole role = ReplyRole.of(reply);
        Optional<String> jobId = ReplyRole.jobId(reply);
        if (reply instanceof Reply.Progress progress && !throttle.tryPass(progress.jobId())) {
            return Optional.empty();
        }
        if (role == ReplyRole.RESULT) {
            jobId.ifPresent(throttle::finish);
        }
        try {
            Outgoing out = renderer.render(reply);
            Optional<LiveInteractions.Live> live = target.interaction().flatMap(i -> interactions.find(i.token()));
            if (live.isPresent()) {
                try {
                    return interactionReplies.send(live.get(), out, role, jobId);
                } catch (RuntimeException e) {
                    // A token Discord no longer accepts (deleted message, clock skew): the channel still works.
                    log.warn("Editing the interaction response failed; posting to the channel instead: {}",
                            e.toString());
                }
            }
            return toChannel(target, out, role, jobId);
        } catch (RuntimeException e) {
            incidents.report("delivering a " + reply.getClass().getSimpleName() + " to channel " + target.chatId(), e);
            return Optional.empty();
        }
    }

    private Optional<String> toChannel(ReplyTarget target, Outgoing out, ReplyRole role, Optional<String> jobId) {
        long channelId = Long.parseLong(target.threadId().orElse(target.chatId()));
        Optional<TextChannel> channel = channels.apply(channelId);
        if (channel.isEmpty()) {
            log.warn("Cannot deliver to channel {}: the bot cannot see it (removed, or no permission)", channelId);
            return Optional.empty();
        }
        Optional<Long> replyTo = target.replyToMessageId().map(Long::parseLong);
        Optional<Long> mention = role == ReplyRole.STATUS ? Optional.empty() : Optional.of(Long.parseLong(
                target.userId()));
        return channelReplies.send(channel.get(), out, role, jobId, replyTo, mention);
    }
}

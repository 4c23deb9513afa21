package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.AttachmentEncoder;
import dev.kontextbot.adapters.discord.Outgoing;
import dev.kontextbot.adapters.discord.ReplyRenderer;
import dev.kontextbot.adapters.discord.ReplyRole;
import dev.kontextbot.core.chat.Reply;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a reply within the upload limit of where it goes and sends it: on a live interaction while its token
 * works, else (15 minutes passed, Discord answered 50027) to the interaction's channel as a reply to its original
 * response that mentions the user. A picture Discord still finds too large (413 / 40005) goes again, smaller.
 */
final class JdaReplies {

    private static final Logger log = LoggerFactory.getLogger(JdaReplies.class);
    /** Tries of ever smaller uploads after Discord said "too large". */
    private static final int TOO_LARGE_RETRIES = 2;
    private static final long SMALLEST_LIMIT = 64 * 1024;

    private final JdaInteractions interactions;
    private final JdaInteractionReplies interactionReplies;
    private final JdaChannelReplies channelReplies;
    private final JdaChannels channels;
    private final boolean previews;

    JdaReplies(JdaInteractions interactions, JdaInteractionReplies interactionReplies,
               JdaChannelReplies channelReplies, JdaChannels channels, boolean previews) {
        this.interactions = interactions;
        this.interactionReplies = interactionReplies;
        this.channelReplies = channelReplies;
        this.channels = channels;
        this.previews = previews;
    }

    Optional<String> onInteraction(JdaInteraction live, Reply reply) {
        ReplyRole role = ReplyRole.of(reply);
        Optional<String> jobId = ReplyRole.jobId(reply);
        if (interactions.usable(live)) {
            try {
                return sized(reply, live.uploadLimit(), out -> interactionReplies.send(live, out, role, jobId));
            } catch (RuntimeException e) {
                if (!TokenErrors.tokenGone(e)) {
                    throw e;
                }
                // Never shown to the user: the channel still works.
                log.info("Interaction token no longer accepted ({}); replying in the channel", e.toString());
                live.markGone();
            }
        }
        if (role == ReplyRole.STATUS && jobId.filter(live::finished).isPresent()) {
            return Optional.empty();
        }
        Optional<MessageChannel> channel = channels.find(live.channelId(), live.userId());
        if (channel.isEmpty()) {
            log.warn("Cannot reply in channel {}: the bot cannot see it (a user-installed app outside its servers?)",
                    live.channelId());
            return Optional.empty();
        }
        Optional<Long> mention = role == ReplyRole.STATUS ? Optional.empty() : Optional.of(live.userId());
        return toChannel(channel.get(), reply, live.originalMessageId().map(Long::parseLong), mention,
                live.uploadLimit());
    }

    Optional<String> toChannel(MessageChannel channel, Reply reply, Optional<Long> replyTo, Optional<Long> mention,
                               long uploadLimit) {
        ReplyRole role = ReplyRole.of(reply);
        Optional<String> jobId = ReplyRole.jobId(reply);
        return sized(reply, uploadLimit, out -> channelReplies.send(channel, out, role, jobId, replyTo, mention));
    }

    private Optional<String> sized(Reply reply, long uploadLimit, Function<Outgoing, Optional<String>> send) {
        long limit = uploadLimit;
        for (int attempt = 0; ; attempt++) {
            Outgoing out = new ReplyRenderer(new AttachmentEncoder(limit), previews).render(reply);
            try {
                return send.apply(out);
            } catch (RuntimeException e) {
                if (!TokenErrors.tooLarge(e) || out.file().isEmpty() || attempt >= TOO_LARGE_RETRIES
                        || limit <= SMALLEST_LIMIT) {
                    throw e;
                }
                long sent = out.file().get().bytes().length;
                limit = Math.max(SMALLEST_LIMIT, Math.min(limit, sent) / 2);
                log.info("Discord found a {}-byte upload too large; sending it again under {} bytes", sent, limit);
            }
        }
    }
}

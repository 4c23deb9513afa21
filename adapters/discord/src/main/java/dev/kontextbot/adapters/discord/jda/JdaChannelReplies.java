package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.Outgoing;
import dev.kontextbot.adapters.discord.ReplyRole;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies as channel messages (conversations without commands, and jobs that outlived their interaction token):
 * one status message per job, edited in place; the result as a reply to the user's message that mentions them when
 * asked to; the status message then goes, the result says everything. Blocking; called on bot threads.
 */
final class JdaChannelReplies {

    private static final Logger log = LoggerFactory.getLogger(JdaChannelReplies.class);
    private static final int FINISHED_REMEMBERED = 10_000;

    private record Status(long channelId, long messageId) {
    }

    private final Map<String, Status> statusByJob = new ConcurrentHashMap<>();
    /** Recently finished jobs: a status that arrives after the result would otherwise stay up for good. */
    private final Set<String> finishedJobs = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > FINISHED_REMEMBERED;
        }
    });

    /**
     * @param replyTo the message this answers, shown as a reply (without pinging its author)
     * @param mention the user to ping with a result (a late one they may have stopped watching for)
     */
    Optional<String> send(MessageChannel channel, Outgoing out, ReplyRole role, Optional<String> jobId,
                          Optional<Long> replyTo, Optional<Long> mention) {
        if (role == ReplyRole.STATUS && jobId.isPresent()) {
            synchronized (finishedJobs) {
                if (finishedJobs.contains(jobId.get())) {
                    return Optional.empty();
                }
            }
            Status status = statusByJob.get(jobId.get());
            Message shown = status != null
                    ? channel.editMessageById(status.messageId(), JdaRendering.edit(out)).complete()
                    : post(channel, out, replyTo, Optional.empty());
            statusByJob.put(jobId.get(), new Status(channel.getIdLong(), shown.getIdLong()));
            return Optional.of(shown.getId());
        }
        Outgoing addressed = mention.map(user -> out.prefixed("<@" + user + "> ")).orElse(out);
        Message sent = post(channel, addressed, replyTo, mention);
        if (role == ReplyRole.RESULT && jobId.isPresent()) {
            synchronized (finishedJobs) {
                finishedJobs.add(jobId.get());
            }
            Optional.ofNullable(statusByJob.remove(jobId.get())).ifPresent(s -> deleteQuietly(channel, s));
        }
        return Optional.of(sent.getId());
    }

    private static Message post(MessageChannel channel, Outgoing out, Optional<Long> replyTo, Optional<Long> mention) {
        var action = channel.sendMessage(JdaRendering.create(out, mention));
        replyTo.ifPresent(id -> action.setMessageReference(id).failOnInvalidReply(false));
        return action.complete();
    }

    private static void deleteQuietly(MessageChannel channel, Status status) {
        try {
            channel.deleteMessageById(status.messageId()).complete();
        } catch (RuntimeException e) {
            // Someone deleted it already, or the bot lost its permission: the result is out, that is what counts.
            log.debug("Could not delete a status message", e);
        }
    }
}

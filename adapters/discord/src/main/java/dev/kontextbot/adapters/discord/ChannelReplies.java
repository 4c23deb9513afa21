package dev.kontextbot.adapters.discord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies as channel messages (conversations without commands, and jobs that outlived their interaction token):
 * one status message per job, edited in place, and the result as a reply to the user's message that mentions them
 * when asked to; the status message then goes, the result says everything.
 */
final class ChannelReplies {

    private static final Logger log = LoggerFactory.getLogger(ChannelReplies.class);

    private final ChannelPoster poster;
    private final Map<String, Message> statusByJob = new ConcurrentHashMap<>();
    /** Recently finished jobs: a status that arrives after the result would otherwise stay up for good. */
    private final Set<String> finishedJobs = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > FINISHED_REMEMBERED;
        }
    });
    private static final int FINISHED_REMEMBERED = 10_000;

    ChannelReplies(ChannelPoster poster) {
        this.poster = poster;
    }

    /**
     * @param mention the user to ping with a result (a late one they may have stopped watching for)
     */
    Optional<String> send(TextChannel channel, Outgoing out, ReplyRole role, Optional<String> jobId,
                          Optional<Long> replyTo, Optional<Long> mention) {
        if (role == ReplyRole.STATUS && jobId.isPresent()) {
            synchronized (finishedJobs) {
                if (finishedJobs.contains(jobId.get())) {
                    return Optional.empty();
                }
            }
            Message status = statusByJob.get(jobId.get());
            Message shown = status != null ? poster.edit(status, out) : poster.post(channel, out, replyTo,
                    Optional.empty());
            statusByJob.put(jobId.get(), shown);
            return Optional.of(Long.toString(shown.getId()));
        }
        Outgoing addressed = mention.map(user -> out.prefixed("<@" + user + "> ")).orElse(out);
        Message sent = poster.post(channel, addressed, replyTo, mention);
        if (role == ReplyRole.RESULT && jobId.isPresent()) {
            synchronized (finishedJobs) {
                finishedJobs.add(jobId.get());
            }
            Optional.ofNullable(statusByJob.remove(jobId.get())).ifPresent(this::deleteQuietly);
        }
        return Optional.of(Long.toString(sent.getId()));
    }

    private void deleteQuietly(Message status) {
        try {
            poster.delete(status);
        } catch (RuntimeException e) {
            // Someone deleted it already, or the bot lost its permission: the result is out, that is what counts.
            log.debug("Could not delete a status message", e);
        }
    }
}

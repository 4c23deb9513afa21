package dev.kontextbot.adapters.discord;

import java.util.Optional;

/**
 * Replies on a live interaction. The deferred original response is the first thing edited; a job's status (queued,
 * progress) lives on the original response when it was still free, else on a follow-up; the job's result replaces
 * its status in place (picture, caption, buttons), so one message goes queued, progress, result.
 */
final class InteractionReplies {

    private final InteractionMessages messages;

    InteractionReplies(InteractionMessages messages) {
        this.messages = messages;
    }

    /**
     * @param jobId the job a status or result belongs to; a status that arrives after its job's result (progress
     *              and results travel on different threads) is dropped
     */
    Optional<String> send(LiveInteractions.Live live, Outgoing out, ReplyRole role, Optional<String> jobId) {
        synchronized (live) {
            if (role == ReplyRole.STATUS && jobId.filter(live::finished).isPresent()) {
                return Optional.empty();
            }
            if (role == ReplyRole.RESULT) {
                jobId.ifPresent(live::finish);
            }
            return switch (role) {
                case STATUS -> status(live, out);
                case RESULT -> {
                    if (live.hasStatus()) {
                        Optional<String> id = editStatus(live, out);
                        live.clearStatus();
                        yield id;
                    }
                    yield other(live, out);
                }
                case OTHER -> other(live, out);
            };
        }
    }

    private Optional<String> status(LiveInteractions.Live live, Outgoing out) {
        if (live.hasStatus()) {
            return editStatus(live, out);
        }
        if (!live.originalUsed()) {
            live.markOriginalUsed();
            live.statusOnOriginal();
            return messages.editOriginal(live.interaction(), out);
        }
        Optional<String> id = messages.followup(live.interaction(), out);
        id.ifPresent(live::statusOnFollowup);
        return id;
    }

    private Optional<String> editStatus(LiveInteractions.Live live, Outgoing out) {
        Optional<String> followup = live.statusFollowupId();
        return followup.isPresent()
                ? messages.editFollowup(live.interaction(), followup.get(), out)
                : messages.editOriginal(live.interaction(), out);
    }

    private Optional<String> other(LiveInteractions.Live live, Outgoing out) {
        if (!live.originalUsed()) {
            live.markOriginalUsed();
            return messages.editOriginal(live.interaction(), out);
        }
        return messages.followup(live.interaction(), out);
    }
}

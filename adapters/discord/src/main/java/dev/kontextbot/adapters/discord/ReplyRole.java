package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Reply;
import java.util.Optional;

/**
 * Where a reply goes relative to its job's status message: queued and progress lines edit the status message,
 * the end of a job (its picture or its error) replaces it, everything else is a message of its own.
 */
public enum ReplyRole {
    STATUS, RESULT, OTHER;

    public static ReplyRole of(Reply reply) {
        return switch (reply) {
            case Reply.Queued q -> STATUS;
            case Reply.Progress p -> STATUS;
            case Reply.Image image -> image.jobId().isPresent() ? RESULT : OTHER;
            case Reply.Variations variations -> variations.jobId().isPresent() ? RESULT : OTHER;
            case Reply.Error error -> error.jobId().isPresent() ? RESULT : OTHER;
            case Reply.Text t -> OTHER;
            case Reply.File f -> OTHER;
        };
    }

    public static Optional<String> jobId(Reply reply) {
        return switch (reply) {
            case Reply.Queued q -> Optional.of(q.jobId());
            case Reply.Progress p -> Optional.of(p.jobId());
            case Reply.Image image -> image.jobId();
            case Reply.Variations variations -> variations.jobId();
            case Reply.Error error -> error.jobId();
            case Reply.Text t -> Optional.empty();
            case Reply.File f -> Optional.empty();
        };
    }
}

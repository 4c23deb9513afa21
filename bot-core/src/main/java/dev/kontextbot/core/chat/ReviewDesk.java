package dev.kontextbot.core.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What admins do with flagged items: look at them, release a held result, delete, block the author. */
public interface ReviewDesk {

    /**
     * One flagged item. {@code kind}: upload, result or prompt; {@code status}: open, released or deleted;
     * {@code releasable}: an open held result.
     */
    record Entry(String id, String kind, String status, String platform, String chatId, String userId,
                 String userName, String text, String reason, Map<String, Double> scores, Instant createdAt,
                 boolean releasable, boolean hasPicture) {

        /** A notice for admins on a chat platform: what, who, where and why, and where to act on it. */
        public String notice() {
            String what = switch (kind) {
                case "upload" -> "an uploaded picture";
                case "result" -> "a result (held back from the user)";
                default -> "a request";
            };
            return "Safety review: " + what + " from " + userName + " (" + platform + " user " + userId + ", chat "
                    + chatId + ") was flagged: " + reason + (text.isBlank() ? "" : ". Text: \"" + text + "\"")
                    + ". Review it on the playground's review page (/review.html).";
        }
    }

    /** Why an admin action could not be done; {@code code} is stable, the message plain words. */
    final class ReviewException extends RuntimeException {
        private final String code;

        public ReviewException(String code, String plainMessage) {
            super(plainMessage);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The retained items, newest first. */
    List<Entry> items(int limit);

    Optional<byte[]> picture(String id);

    /** Adds a held result to its conversation and delivers it to the user; returns what happened, in words. */
    String release(String id, String admin);

    String delete(String id, String admin);

    String blockAuthor(String id, String admin);
}

package dev.kontextbot.conversation.review;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One flagged item on the review list: what, who ({@code userId} as the platform knows them, and a display
 * name), where (platform, chat, conversation), the text involved, why (a short reason for admins, such as
 * "nsfw 0.97" or "term list (en): ..."), the scores per label, and for a held result what is needed to release it.
 */
public record ReviewItem(String id, ReviewKind kind, ReviewStatus status, String platform, String chatId,
                         String conversationId, String userId, String userName, String text, String reason,
                         Map<String, Double> scores, Instant createdAt, Optional<VersionAwaitingReview> held) {

    public ReviewItem {
        scores = Map.copyOf(scores);
        held = held == null ? Optional.empty() : held;
        text = text == null ? "" : text;
    }

    /** A new item, before the list gives it an id and a time. */
    public static ReviewItem flagged(ReviewKind kind, String platform, String chatId, String conversationId,
                                     String userId, String userName, String text, String reason,
                                     Map<String, Double> scores, Optional<VersionAwaitingReview> held) {
        return new ReviewItem("", kind, ReviewStatus.OPEN, platform, chatId, conversationId, userId, userName, text,
                reason, scores, Instant.EPOCH, held);
    }
}

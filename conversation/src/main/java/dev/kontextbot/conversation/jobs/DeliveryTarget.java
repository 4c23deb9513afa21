package dev.kontextbot.conversation.jobs;

import java.time.Instant;

/**
 * Where a job's progress and result go. Fields a platform lacks are null (a terminal has no thread, Telegram
 * has no interaction token).
 */
public record DeliveryTarget(
        String platform,
        String chatId,
        String replyToMessageId,
        String threadId,
        String interactionToken,
        Instant tokenExpiresAt,
        String userMention) {

    public DeliveryTarget {
        if (platform == null || platform.isBlank() || !platform.matches("[a-z0-9_-]+")) {
            throw new InvalidJobException("The delivery platform must be a short lowercase name, such as discord");
        }
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "DeliveryTarget[platform=" + platform + ", chatId=" + chatId + ", replyTo=" + replyToMessageId
                + ", thread=" + threadId + ", token=" + (interactionToken == null ? "none" : "***") + "]";
    }
}

package dev.kontextbot.core.chat;

import java.util.Optional;

/**
 * Where a late reply (a finished job, its progress) goes: enough for the adapter that owns the platform to post it
 * even after a restart. {@code replyToMessageId} is the message to answer; {@code interaction} a still-valid token.
 */
public record ReplyTarget(String platform, String chatId, Optional<String> threadId, String userId,
                          Optional<String> replyToMessageId, Optional<Interaction> interaction) {
    public ReplyTarget {
        threadId = threadId == null ? Optional.empty() : threadId;
        replyToMessageId = replyToMessageId == null ? Optional.empty() : replyToMessageId;
        interaction = interaction == null ? Optional.empty() : interaction;
    }
}

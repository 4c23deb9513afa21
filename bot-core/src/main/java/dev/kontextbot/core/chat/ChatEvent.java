package dev.kontextbot.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message from a person, platform-neutral. {@code replyToMessageId} is the platform id of the message it answers
 * (a reply to an old result edits from that result's version).
 */
public record ChatEvent(ChatOrigin origin, Optional<String> messageId, String text, List<Attachment> attachments,
                        Optional<String> replyToMessageId, Optional<Interaction> interaction) {
    public ChatEvent {
        Objects.requireNonNull(origin, "origin");
        messageId = messageId == null ? Optional.empty() : messageId;
        text = text == null ? "" : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        replyToMessageId = replyToMessageId == null ? Optional.empty() : replyToMessageId;
        interaction = interaction == null ? Optional.empty() : interaction;
    }

    public static ChatEvent text(ChatOrigin origin, String text) {
        return new ChatEvent(origin, Optional.empty(), text, List.of(), Optional.empty(), Optional.empty());
    }
}

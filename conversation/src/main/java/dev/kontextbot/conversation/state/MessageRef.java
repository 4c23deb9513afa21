package dev.kontextbot.conversation.state;

/** A platform message that shows a result. */
public record MessageRef(String platform, String chatId, String messageId) {
    public MessageRef {
        if (platform == null || platform.isBlank() || chatId == null || chatId.isBlank() || messageId == null
                || messageId.isBlank()) {
            throw new IllegalArgumentException("A message reference needs platform, chat and message id");
        }
    }
}

package dev.kontextbot.core.rules;

/** The rule-based model was asked something it cannot answer: it needs a user message or a tool result last. */
public final class UnsupportedChatRequestException extends IllegalArgumentException {
    public UnsupportedChatRequestException(String message) {
        super(message);
    }
}

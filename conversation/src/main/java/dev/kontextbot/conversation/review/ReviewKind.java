package dev.kontextbot.conversation.review;

/** What was flagged: a picture someone sent, a result the model made, or a text. */
public enum ReviewKind {
    UPLOAD, RESULT, PROMPT
}

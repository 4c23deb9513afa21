package dev.kontextbot.conversation.state;

/** A named reference image ("Mia", "watercolour") kept for later edits. */
public record Reference(ReferenceKind kind, String name, String blobId) {
}

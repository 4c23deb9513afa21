package dev.kontextbot.conversation.review;

/** OPEN until an admin acts: RELEASED (a held result was delivered) or DELETED. */
public enum ReviewStatus {
    OPEN, RELEASED, DELETED
}

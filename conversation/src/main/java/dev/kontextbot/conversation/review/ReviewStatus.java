package dev.kontextbot.conversation.review;

/**
 * OPEN until an admin acts: RELEASED (a held result was delivered) or DELETED. RELEASING while a release is under
 * way (claimed, not yet appended and marked): another release may finish it, a delete may not.
 */
public enum ReviewStatus {
    OPEN, RELEASING, RELEASED, DELETED
}

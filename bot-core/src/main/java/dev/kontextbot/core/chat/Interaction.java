package dev.kontextbot.core.chat;

import java.time.Instant;

/** A platform interaction whose token allows late answers until it expires (Discord: 15 minutes). */
public record Interaction(String token, Instant expiresAt) {
}

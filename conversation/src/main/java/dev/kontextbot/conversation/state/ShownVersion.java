package dev.kontextbot.conversation.state;

/** The version a platform message shows, and the conversation it belongs to (possibly another user's). */
public record ShownVersion(String conversation, Version version) {
}

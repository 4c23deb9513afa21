package dev.kontextbot.conversation.state;

/** A version as listed by {@code history}: enough to draw a thumbnail strip and mark the current path. */
public record HistoryEntry(Version version, boolean onHeadPath, boolean head) {
}

package dev.kontextbot.core.chat;

/**
 * A button: its kind, a short key (at most 32 ASCII characters, so it fits Telegram's 64-byte callback data and
 * Discord's custom ids) and the words on it. The key is resolved server-side to the conversation and version it
 * acts on. The label is the kind's own ("Undo") except where several buttons of one kind sit together ("Pick 2").
 */
public record ReplyAction(ActionKind kind, String key, String label) {
    public ReplyAction {
        if (key == null || key.isEmpty() || key.length() > 32) {
            throw new IllegalArgumentException("action key must be 1..32 characters");
        }
        if (label == null || label.isBlank()) {
            label = kind.label();
        }
    }

    public ReplyAction(ActionKind kind, String key) {
        this(kind, key, kind.label());
    }
}

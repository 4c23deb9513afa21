package dev.kontextbot.core.chat;

/**
 * A button: its kind and a short key (at most 32 ASCII characters, so it fits Telegram's 64-byte callback data and
 * Discord's custom ids); the key is resolved server-side to the conversation and version it acts on.
 */
public record ReplyAction(ActionKind kind, String key) {
    public ReplyAction {
        if (key == null || key.isEmpty() || key.length() > 32) {
            throw new IllegalArgumentException("action key must be 1..32 characters");
        }
    }

    public String label() {
        return kind.label();
    }
}

package dev.kontextbot.core.chat;

/** The buttons shown under a result. */
public enum ActionKind {
    UNDO("Undo"),
    REDO("Redo"),
    RETRY("Retry"),
    USE_AS_REFERENCE("Use as reference"),
    FULL_SIZE("Full size");

    private final String label;

    ActionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package dev.kontextbot.core.chat;

/** The buttons shown under a result, or under a question. */
public enum ActionKind {
    UNDO("Undo"),
    REDO("Redo"),
    RETRY("Retry"),
    USE_AS_REFERENCE("Use as reference"),
    FULL_SIZE("Full size"),
    /** "Yes" to the bot's question: the same as typing "yes". */
    CONFIRM("Yes"),
    /** "No" to the bot's question: the same as typing "no". */
    DECLINE("No"),
    /** "Pick N" under a set of variations: the same as typing "pick N", that variation becomes the version. */
    PICK("Pick");

    private final String label;

    ActionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

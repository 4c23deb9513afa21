package dev.kontextbot.conversation.state;

/**
 * Text that names no version ({@link VersionRef#parse}): a bad argument rather than a refusal of the conversation,
 * so it stays an {@link IllegalArgumentException}; {@link #refusal()} says which, for bot-core's words.
 */
public final class UnnamedVersionException extends IllegalArgumentException {

    private final Refusal refusal;

    public UnnamedVersionException(Refusal refusal) {
        super(refusal.toString());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}

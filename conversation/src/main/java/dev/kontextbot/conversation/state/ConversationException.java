package dev.kontextbot.conversation.state;

/** A conversation operation that cannot be done as asked; the message is fit to show the user. */
public class ConversationException extends RuntimeException {

    /** Why the operation was refused. */
    public enum Reason {
        EMPTY, NOTHING_TO_UNDO, NOTHING_TO_REDO, VERSION_NOT_FOUND, NOT_IN_THIS_CONVERSATION, IMAGE_MISSING,
        REFERENCE_LIMIT, REFERENCE_NOT_FOUND, VERSION_PRUNED,
        /** The conversation was forgotten after the job was asked for; its result is not kept. */
        FORGOTTEN
    }

    private final Reason reason;

    public ConversationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

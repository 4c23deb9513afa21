package dev.kontextbot.conversation.state;

/**
 * A conversation operation that cannot be done as asked. {@link #refusal()} says why, with its facts; bot-core turns
 * it into the user's words. The message is for logs only.
 */
public class ConversationException extends RuntimeException {

    /** Why the operation was refused: the code of the user's reply. */
    public enum Reason {
        EMPTY, NOTHING_TO_UNDO, NOTHING_TO_REDO, VERSION_NOT_FOUND, NOT_IN_THIS_CONVERSATION, IMAGE_MISSING,
        REFERENCE_LIMIT, REFERENCE_NOT_FOUND, VERSION_PRUNED,
        /** The conversation was forgotten after the job was asked for; its result is not kept. */
        FORGOTTEN
    }

    private final Refusal refusal;

    public ConversationException(Refusal refusal) {
        super(refusal.toString());
        this.refusal = refusal;
    }

    /** A refusal raised by a caller of this module, in the words it chose (see {@link Refusal.Worded}). */
    public ConversationException(Reason reason, String words) {
        this(new Refusal.Worded(reason, words));
    }

    public Reason reason() {
        return refusal.reason();
    }

    public Refusal refusal() {
        return refusal;
    }
}

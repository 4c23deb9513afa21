package dev.kontextbot.conversation.state;

/** A version id that belongs to another conversation. */
public final class NotInThisConversationException extends ConversationException {
    public NotInThisConversationException(String versionId) {
        super(Reason.NOT_IN_THIS_CONVERSATION, "Version " + versionId
                + " belongs to another conversation. Reply to that image to continue from it here.");
    }
}

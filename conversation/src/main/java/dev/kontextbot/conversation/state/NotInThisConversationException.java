package dev.kontextbot.conversation.state;

/** A version id that belongs to another conversation. */
public final class NotInThisConversationException extends ConversationException {
    public NotInThisConversationException(String versionId) {
        super(new Refusal.OtherConversation(versionId));
    }
}

package dev.kontextbot.core.turn;

import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.core.chat.ChatOrigin;

/** Which conversation a message belongs to, under the operator's key policy (per user, or shared in groups). */
public final class ConversationIds {

    private final ConversationKeyPolicy policy;

    public ConversationIds(ConversationKeyPolicy policy) {
        this.policy = policy;
    }

    public String of(ChatOrigin origin) {
        return policy.keyFor(origin.platform(), origin.chatId(), origin.threadId(), origin.user().id(),
                origin.privateChat()).id();
    }

    /** A group's one conversation (shared policy), as opposed to a private chat or one person's own in a group. */
    public boolean shared(ChatOrigin origin) {
        return !origin.privateChat() && policy == ConversationKeyPolicy.SHARED_IN_GROUPS;
    }
}

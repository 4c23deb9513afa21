package dev.kontextbot.core.chat;

import java.util.Optional;

/**
 * Where the replies of one turn go. Returns the platform id of the message it sent, when there is one, so the bot
 * can record which message shows which version.
 */
@FunctionalInterface
public interface ReplySink {
    Optional<String> send(Reply reply);

    /**
     * Called once the turn's replies are sent when the turn forgot the conversation ("forget", confirmed), so a
     * front end whose identities it makes itself (the playground's session ids) can retire the old one.
     */
    default void conversationForgotten() {
    }
}

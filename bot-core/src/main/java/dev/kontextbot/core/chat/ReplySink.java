package dev.kontextbot.core.chat;

import java.util.Optional;

/**
 * Where the replies of one turn go. Returns the platform id of the message it sent, when there is one, so the bot
 * can record which message shows which version.
 */
@FunctionalInterface
public interface ReplySink {
    Optional<String> send(Reply reply);
}

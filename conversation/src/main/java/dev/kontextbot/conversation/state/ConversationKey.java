package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a conversation belongs to: a platform chat, optionally a thread in it, and optionally one user in it.
 * {@link #id()} is stable and contains only {@code [A-Za-z0-9._%:-]}, so it is safe inside a Redis hash tag.
 */
public record ConversationKey(String platform, String chatId, Optional<String> threadId, Optional<String> userId) {

    public ConversationKey {
        requireText(platform, "platform");
        requireText(chatId, "chat id");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(userId, "userId");
        threadId.ifPresent(t -> requireText(t, "thread id"));
        userId.ifPresent(u -> requireText(u, "user id"));
    }

    /** For example {@code telegram:-100123:t:7:u:42}; each part escaped so the separators stay unambiguous. */
    public String id() {
        StringBuilder id = new StringBuilder()
                .append(ConversationKeyspace.escape(platform)).append(':')
                .append(ConversationKeyspace.escape(chatId));
        threadId.ifPresent(t -> id.append(":t:").append(ConversationKeyspace.escape(t)));
        userId.ifPresent(u -> id.append(":u:").append(ConversationKeyspace.escape(u)));
        return id.toString();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A conversation key needs a " + what);
        }
    }
}

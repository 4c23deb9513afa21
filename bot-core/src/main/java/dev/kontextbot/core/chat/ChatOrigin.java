package dev.kontextbot.core.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a message came from: the platform ("discord", "telegram", "web", "console"), the chat, an optional thread,
 * the author, whether the chat is private (one person) and the guild or group it belongs to, for rate limits.
 * {@code adultPlace} is true only where the platform itself marks the place for adults (a Discord age-restricted
 * channel); only there may admins relax the safety policy.
 */
public record ChatOrigin(String platform, String chatId, Optional<String> threadId, ChatUser user,
                         boolean privateChat, Optional<String> groupId, boolean adultPlace) {
    public ChatOrigin {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(user, "user");
        threadId = threadId == null ? Optional.empty() : threadId;
        groupId = groupId == null ? Optional.empty() : groupId;
    }

    /** A place the platform does not mark for adults. */
    public ChatOrigin(String platform, String chatId, Optional<String> threadId, ChatUser user, boolean privateChat,
                      Optional<String> groupId) {
        this(platform, chatId, threadId, user, privateChat, groupId, false);
    }

    /** A one-person chat, as in a direct message, the terminal or a browser session. */
    public static ChatOrigin privateChat(String platform, String chatId, ChatUser user) {
        return new ChatOrigin(platform, chatId, Optional.empty(), user, true, Optional.empty());
    }
}

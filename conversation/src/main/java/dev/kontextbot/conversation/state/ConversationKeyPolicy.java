package dev.kontextbot.conversation.state;

import java.util.Optional;

/**
 * How chats map to conversations. Private chats are always one conversation; threads are always separate.
 * The policy decides group chats and channels, and is chosen per deployment.
 */
public enum ConversationKeyPolicy {

    /** Each user in a group has their own conversation there (the default: people do not undo each other). */
    PER_USER_IN_GROUPS,
    /** The whole group (or thread) shares one conversation. */
    SHARED_IN_GROUPS;

    public static ConversationKeyPolicy defaultPolicy() {
        return PER_USER_IN_GROUPS;
    }

    /** Parses {@code per-user} / {@code shared} (and the enum names), as a configuration value. */
    public static ConversationKeyPolicy parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "per-user", "per-user-in-groups" -> PER_USER_IN_GROUPS;
            case "shared", "shared-in-groups" -> SHARED_IN_GROUPS;
            default -> throw new IllegalArgumentException(
                    "Unknown conversation policy \"" + value + "\": use per-user or shared");
        };
    }

    public ConversationKey keyFor(String platform, String chatId, Optional<String> threadId, String userId,
            boolean privateChat) {
        boolean perUser = !privateChat && this == PER_USER_IN_GROUPS;
        if (perUser && (userId == null || userId.isBlank())) {
            throw new IllegalArgumentException("A group conversation needs the user id");
        }
        return new ConversationKey(platform, chatId, threadId, perUser ? Optional.of(userId) : Optional.empty());
    }
}

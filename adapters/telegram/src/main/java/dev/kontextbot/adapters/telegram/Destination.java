package dev.kontextbot.adapters.telegram;

import java.util.Optional;

/** Where a reply goes in Telegram: the chat, the forum topic, and the message to answer. */
record Destination(String chatId, Optional<Integer> threadId, Optional<Integer> replyTo) {

    /** Private chats have the user's (positive) id; groups and channels have negative ids. */
    boolean privateChat() {
        return !chatId.startsWith("-");
    }

    Destination withoutReply() {
        return new Destination(chatId, threadId, Optional.empty());
    }
}

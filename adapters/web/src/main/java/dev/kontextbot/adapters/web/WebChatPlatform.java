package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyTarget;

import java.util.Optional;

/** The "web" platform: late replies (job progress and results) go to the browser session named by the chat id. */
final class WebChatPlatform implements ChatPlatform {
    private final SessionReplies replies;

    WebChatPlatform(SessionReplies replies) {
        this.replies = replies;
    }

    @Override
    public String name() {
        return BrowserSessions.PLATFORM;
    }

    /** The session's event stream is open on this process only. */
    @Override
    public boolean repliesNeedThisProcess() {
        return true;
    }

    @Override
    public Optional<String> deliver(ReplyTarget target, Reply reply) {
        if (!BrowserSessions.PLATFORM.equals(target.platform())) {
            return Optional.empty();
        }
        return replies.publish(target.chatId(), reply);
    }
}

package dev.kontextbot.core.chat;

import java.util.Optional;

/**
 * Implemented by each adapter: posts replies that arrive after the turn ended (job progress and results). Called on
 * a bot thread, never on the platform's event thread. Returns the platform id of the message that now shows the
 * reply (for progress, the status message), when there is one.
 */
public interface ChatPlatform {

    /** The platform name used in {@link ChatOrigin#platform()}. */
    String name();

    Optional<String> deliver(ReplyTarget target, Reply reply);

    /**
     * True when only this process can reach the user (it holds a browser's event stream or a terminal): results of
     * jobs queued here then come back here, not to another front end of the same platform on the same Redis.
     */
    default boolean repliesNeedThisProcess() {
        return false;
    }
}

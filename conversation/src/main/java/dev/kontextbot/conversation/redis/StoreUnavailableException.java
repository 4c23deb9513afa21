package dev.kontextbot.conversation.redis;

/**
 * Redis could not be reached. Every store operation throws this instead of a Jedis exception, so callers
 * can tell the user the plain truth (bot-core's words: nothing was lost, try again shortly). Clients reconnect by
 * themselves. The message is for logs only.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("Redis unreachable: " + cause, cause);
    }
}

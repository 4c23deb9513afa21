package dev.kontextbot.conversation.redis;

/**
 * Redis could not be reached. Every store operation throws this instead of a Jedis exception, so callers
 * can tell the user the plain truth: nothing was lost, try again shortly. Clients reconnect by themselves.
 */
public final class StoreUnavailableException extends RuntimeException {

    public static final String USER_MESSAGE =
            "The bot's storage is temporarily unavailable. Nothing was lost; please try again in a moment.";

    public StoreUnavailableException(Throwable cause) {
        super(USER_MESSAGE, cause);
    }
}

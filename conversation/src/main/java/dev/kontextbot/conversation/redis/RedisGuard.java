package dev.kontextbot.conversation.redis;

import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Runs a Redis call and turns a lost connection into {@link StoreUnavailableException}. */
public final class RedisGuard {

    private RedisGuard() {
    }

    public static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisConnectionException e) {
            throw new StoreUnavailableException(e);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}

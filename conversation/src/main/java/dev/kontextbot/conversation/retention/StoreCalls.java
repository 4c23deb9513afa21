package dev.kontextbot.conversation.retention;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@link RedisGuard} plus the server replies that also mean "back in a moment": a restarted Redis answers
 * {@code LOADING} while it reads a large append-only file (images make it large), a replica mid-failover
 * {@code READONLY}/{@code MASTERDOWN}, a cluster mid-resharding {@code TRYAGAIN}/{@code CLUSTERDOWN}. All become
 * {@link StoreUnavailableException}, so callers see one typed "nothing was lost" error for every outage.
 */
public final class StoreCalls {

    private static final Set<String> TRANSIENT = Set.of("LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private StoreCalls() {
    }

    public static <T> T call(Supplier<T> action) {
        try {
            return RedisGuard.call(action);
        } catch (JedisDataException e) {
            if (isTransient(e)) {
                throw new StoreUnavailableException(e);
            }
            throw e;
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    static boolean isTransient(JedisDataException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().trim();
        int space = message.indexOf(' ');
        return TRANSIENT.contains(space < 0 ? message : message.substring(0, space));
    }
}

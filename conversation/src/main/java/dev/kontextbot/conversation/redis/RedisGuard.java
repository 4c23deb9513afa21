package dev.kontextbot.conversation.redis;

import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs a Redis call and turns a lost connection, and the server's "back in a moment" replies, into
 * {@link StoreUnavailableException}: {@code LOADING} while a restarted Redis reads its append-only file,
 * {@code READONLY}/{@code MASTERDOWN} during a failover, {@code TRYAGAIN}/{@code CLUSTERDOWN} during resharding.
 * Used by the job queue and the conversation store alike, so a restart never surfaces as an internal error.
 */
public final class RedisGuard {

    private static final Set<String> TRANSIENT = Set.of("LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private RedisGuard() {
    }

    public static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisConnectionException e) {
            throw new StoreUnavailableException(e);
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

    /** True for a server reply that means "try again shortly" rather than a real error. */
    public static boolean isTransient(JedisDataException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().trim();
        int space = message.indexOf(' ');
        return TRANSIENT.contains(space < 0 ? message : message.substring(0, space));
    }
}

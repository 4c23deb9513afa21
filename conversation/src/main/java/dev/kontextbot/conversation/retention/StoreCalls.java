package dev.kontextbot.conversation.retention;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.util.function.Supplier;

/**
 * The conversation store's name for {@link RedisGuard}: a lost connection and the server's "back in a moment"
 * replies ({@code LOADING}, {@code READONLY}, {@code MASTERDOWN}, {@code TRYAGAIN}, {@code CLUSTERDOWN}) become
 * one typed "nothing was lost" error. The mapping lives in RedisGuard so the job queue gets it too.
 */
public final class StoreCalls {

    private StoreCalls() {
    }

    public static <T> T call(Supplier<T> action) {
        return RedisGuard.call(action);
    }

    public static void run(Runnable action) {
        RedisGuard.run(action);
    }
}

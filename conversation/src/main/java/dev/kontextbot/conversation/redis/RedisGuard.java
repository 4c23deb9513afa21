package dev.kontextbot.conversation.redis;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Runs a Redis call and turns a lost connection, and the server's "back in a moment" replies, into
 * {@link StoreUnavailableException}, so a restart never surfaces as an internal error. While a cluster fails over
 * (a master lost, its replica promoted: a few seconds) calls answer {@code CLUSTERDOWN}, {@code TRYAGAIN},
 * {@code MOVED} or run out of the cluster client's own attempts; those are tried again with backoff until
 * {@link #FAILOVER_DEADLINE}, so users see a delay rather than an error. The server refused each of those replies
 * before running the command, so trying again does not run it twice; the scripts that a lost connection could
 * leave half-known (appending a version, finishing a job) are idempotent per job id. {@code LOADING} (a restarted
 * Redis reading its append-only file) and {@code READONLY} (a demoted master) are reported at once as an outage.
 * A lost connection is tried again on fresh pooled connections first (see {@link #CONNECTION_ATTEMPTS}).
 */
public final class RedisGuard {

    /** Longer than a failover with the default cluster-node-timeout (15 s) plus the election. */
    static final Duration FAILOVER_DEADLINE = Duration.ofSeconds(30);
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    private static final Set<String> FAILOVER_REPLIES = Set.of("CLUSTERDOWN", "TRYAGAIN", "MOVED", "ASK", "MASTERDOWN");
    private static final Set<String> OUTAGE_REPLIES = Set.of("LOADING", "READONLY");
    /**
     * After a restart every idle pooled connection is dead, and each fails once before the pool drops it; so a lost
     * connection is tried again at once on a fresh one, up to the pool's idle size, before it counts as an outage.
     * A command sent on a dead connection never reached the restarted server, and the writes whose reply a live
     * connection could lose (appending a version, submitting or finishing a job) are idempotent per job id.
     */
    static final int CONNECTION_ATTEMPTS = RedisConnector.MAX_IDLE + 2;

    private RedisGuard() {
    }

    public static <T> T call(Supplier<T> action) {
        long deadline = System.nanoTime() + FAILOVER_DEADLINE.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        int connectionFailures = 0;
        while (true) {
            try {
                return action.get();
            } catch (JedisClusterOperationException e) {
                // The cluster client gave up on its attempts (no node answered for the slot yet).
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    throw new StoreUnavailableException(e);
                }
            } catch (JedisConnectionException e) {
                if (++connectionFailures >= CONNECTION_ATTEMPTS) {
                    throw new StoreUnavailableException(e);
                }
                continue;
            } catch (JedisDataException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (!isFailoverReply(e) || System.nanoTime() + backoff * 1_000_000 > deadline) {
                    throw new StoreUnavailableException(e);
                }
            }
            sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** A reply a cluster gives while it moves a slot or promotes a replica. */
    public static boolean isFailoverReply(JedisDataException e) {
        return e instanceof JedisRedirectionException || FAILOVER_REPLIES.contains(replyCode(e));
    }

    /** True for a server reply that means "try again shortly" rather than a real error. */
    public static boolean isTransient(JedisDataException e) {
        return isFailoverReply(e) || OUTAGE_REPLIES.contains(replyCode(e));
    }

    private static String replyCode(JedisDataException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().trim();
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(e);
        }
    }
}

package dev.kontextbot.conversation.retention;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Storage accounting across conversations, in two ledgers outside any conversation's slot: one per user
 * ({@code kb:{u:<user>}:*}) and one for all users together ({@code kb:{all}:*}). Each ledger holds what the
 * conversations hold (field = conversation, bytes) and reservations: bytes a writer is about to store. It is updated
 * by increments: every change of a conversation's charges is also noted in the conversation's {@code unsynced} hash
 * (in the same script), and {@link #sync} takes those notes in one step and adds them to the ledgers. Two writers
 * syncing the same conversation each apply their own increments, so neither can overwrite the other's count with an
 * older absolute value (before: read the conversation's count, then write it, and a slower writer's older count
 * won; the ledger undercounted).
 *
 * <p>A writer first {@link #reserve reserves} its bytes: one script on the ledger's slot checks mirror +
 * reservations + the new bytes against the limit (passed in) and adds the reservation, so two writers can never
 * both pass the check. Then the conversation's own script stores the blob; then {@link #settle} copies the new
 * counts and drops the reservation, or {@link #release} drops it when nothing was stored (the blob already
 * existed, or the write failed). A reservation of a writer that died expires after {@link #HOLD_MILLIS}. Every
 * script touches one hash tag, so this runs on Redis Cluster. Design: docs/redis-schema.md.
 */
public final class StorageLedger {

    /** A reservation not settled or released within this time belongs to a dead writer and stops counting. */
    public static final long HOLD_MILLIS = 300_000L;

    /** The ledger of all users together: its own hash tag, so it is one slot. */
    public static final String TOTAL_PREFIX = "kb:{all}:";

    /*
     * KEYS[1] = <prefix>usage (conversation -> bytes); <prefix>expires (conversation -> when its mirror entry is
     * stale, i.e. the conversation expired); <prefix>reserved (member "<bytes>:<id>" scored by its expiry).
     */
    private static final String PRELUDE = """
            local U = KEYS[1]
            local P = string.sub(U, 1, #U - 5)
            local function prune(now)
              redis.call('ZREMRANGEBYSCORE', P .. 'reserved', '-inf', now)
              for _, c in ipairs(redis.call('ZRANGEBYSCORE', P .. 'expires', '-inf', now)) do redis.call('HDEL', U, c) end
              redis.call('ZREMRANGEBYSCORE', P .. 'expires', '-inf', now)
            end
            local function keep(ttl)
              for _, k in ipairs({'usage', 'expires', 'reserved'}) do redis.call('PEXPIRE', P .. k, ttl) end
            end
            """;

    /** ARGV: now, bytes, limit, member, hold, ttl. Returns {'OK'|'FULL', bytes used and reserved before}. */
    private static final String RESERVE = PRELUDE + """
            local now, size, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            prune(now)
            local used = 0
            for _, v in ipairs(redis.call('HVALS', U)) do used = used + tonumber(v) end
            for _, m in ipairs(redis.call('ZRANGE', P .. 'reserved', 0, -1)) do
              used = used + tonumber(string.match(m, '^(%d+):'))
            end
            if used + size > limit then return {'FULL', tostring(used)} end
            redis.call('ZADD', P .. 'reserved', now + tonumber(ARGV[5]), size .. ':' .. ARGV[4])
            keep(ARGV[6])
            return {'OK', tostring(used)}
            """;

    /** ARGV: now, conversation. Drops one conversation's entry (a forgotten conversation holds nothing). */
    private static final String DROP = PRELUDE + """
            prune(tonumber(ARGV[1]))
            redis.call('HDEL', U, ARGV[2])
            redis.call('ZREM', P .. 'expires', ARGV[2])
            return 1
            """;

    /**
     * ARGV: now, conversation, increment, stale-after, ttl, settled reservation member or ''. Adds one conversation's
     * increment and drops the reservation it settles in the same step: apart, the bytes counted twice in between
     * (used and still reserved), and a racing writer within the quota was refused. An entry that comes to zero goes;
     * one below zero (a release applied before the store it releases) stays until the store's increment arrives.
     */
    private static final String ADD = PRELUDE + """
            prune(tonumber(ARGV[1]))
            if ARGV[6] ~= '' then redis.call('ZREM', P .. 'reserved', ARGV[6]) end
            if redis.call('HINCRBY', U, ARGV[2], ARGV[3]) == 0 then
              redis.call('HDEL', U, ARGV[2])
              redis.call('ZREM', P .. 'expires', ARGV[2])
            else
              redis.call('ZADD', P .. 'expires', ARGV[4], ARGV[2])
            end
            keep(ARGV[5])
            return 1
            """;

    /**
     * ARGV: now, holder, bytes, stale-after, ttl. Sets what a store other than a conversation holds (the review list
     * computes its own total for a user, so its entry is the value, not an increment); 0 drops the entry.
     */
    private static final String SET_HOLDER = PRELUDE + """
            prune(tonumber(ARGV[1]))
            if tonumber(ARGV[3]) <= 0 then
              redis.call('HDEL', U, ARGV[2])
              redis.call('ZREM', P .. 'expires', ARGV[2])
            else
              redis.call('HSET', U, ARGV[2], ARGV[3])
              redis.call('ZADD', P .. 'expires', ARGV[4], ARGV[2])
            end
            keep(ARGV[5])
            return 1
            """;

    /**
     * KEYS: the conversation's unsynced and charge hashes (one slot). Takes the increments not yet applied (and
     * forgets them, in the same step, so each is applied once) and names the users charged there.
     */
    private static final String TAKE = """
            local d = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return {d, redis.call('HKEYS', KEYS[2])}
            """;

    /**
     * Bytes held for one store until it is settled or released.
     *
     * @param ledgers the usage keys of the ledgers holding it (the user's, and the total's when it is capped)
     * @param member  the reservation as stored in each ledger's {@code reserved} set
     */
    public record Reservation(List<String> ledgers, String member) {
    }

    private final UnifiedJedis redis;
    private final RetentionPolicy policy;
    private final java.time.Clock clock;

    public StorageLedger(UnifiedJedis redis, RetentionPolicy policy) {
        this(redis, policy, java.time.Clock.systemUTC());
    }

    public StorageLedger(UnifiedJedis redis, RetentionPolicy policy, java.time.Clock clock) {
        this.redis = redis;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Holds {@code bytes} in the user's ledger and, when all users together are capped, in the total ledger.
     *
     * @throws QuotaExceededException when either limit would be passed; nothing is held then
     */
    public Reservation reserve(String userId, long bytes) {
        String member = bytes + ":" + UUID.randomUUID();
        List<String> held = new java.util.ArrayList<>(2);
        if (!policy.unlimitedQuota()) {
            long used = reserveIn(ConversationKeyspace.userUsage(userId), bytes, policy.userQuotaBytes(), member);
            if (used >= 0) {
                throw new QuotaExceededException(used, policy.userQuotaBytes());
            }
            held.add(ConversationKeyspace.userUsage(userId));
        }
        if (!policy.unlimitedTotal()) {
            long used = reserveIn(TOTAL_PREFIX + "usage", bytes, policy.totalQuotaBytes(), member);
            if (used >= 0) {
                release(new Reservation(held, member));
                throw QuotaExceededException.total(used, policy.totalQuotaBytes());
            }
            held.add(TOTAL_PREFIX + "usage");
        }
        return new Reservation(List.copyOf(held), member);
    }

    /** Adds the conversation's new increments to the ledgers, then drops the reservation. */
    public void settle(String conversation, Reservation reservation) {
        sync(conversation, reservation.member());
        // a ledger the conversation's charges did not name still holds it
        release(reservation);
    }

    /** Drops a reservation whose bytes were not stored. */
    public void release(Reservation reservation) {
        for (String ledger : reservation.ledgers()) {
            StoreCalls.run(() -> redis.zrem(prefixOf(ledger) + "reserved", reservation.member()));
        }
    }

    /** Total bytes charged to a user over all conversations (reservations not included). */
    public long usedBy(String userId) {
        return sum(ConversationKeyspace.userUsage(userId));
    }

    /** Total bytes stored by all users together (reservations not included). */
    public long usedByAll() {
        return sum(TOTAL_PREFIX + "usage");
    }

    /**
     * Adds the conversation's increments not yet applied to the ledgers of its users and of the total, and keeps the
     * entries of every user charged there from going stale while the conversation lives.
     */
    public void sync(String conversation) {
        sync(conversation, "");
    }

    private void sync(String conversation, String settled) {
        List<?> taken = (List<?>) StoreCalls.call(() -> redis.eval(TAKE, List.of(
                ConversationKeyspace.key(conversation, "unsynced"), ConversationKeyspace.key(conversation, "charge")),
                List.of()));
        List<?> flat = (List<?>) taken.get(0);
        Map<String, Long> increments = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            increments.put((String) flat.get(i), Long.parseLong((String) flat.get(i + 1)));
        }
        java.util.Set<String> users = new java.util.LinkedHashSet<>();
        ((List<?>) taken.get(1)).forEach(u -> users.add((String) u));
        increments.keySet().stream().filter(k -> k.startsWith("u:")).forEach(k -> users.add(k.substring(2)));
        for (String user : users) {
            add(ConversationKeyspace.userUsage(user), conversation, increments.getOrDefault("u:" + user, 0L), settled);
        }
        add(TOTAL_PREFIX + "usage", conversation, increments.getOrDefault("t", 0L), settled);
    }

    private void add(String usageKey, String conversation, long increment, String settled) {
        long now = clock.millis();
        StoreCalls.run(() -> redis.eval(ADD, List.of(usageKey), List.of(Long.toString(now), conversation,
                Long.toString(increment), Long.toString(now + policy.idleTtl().toMillis()), ttl(), settled)));
    }

    /**
     * Sets the bytes a store other than a conversation ({@code holder}, such as the review list) keeps for a user,
     * in the user's ledger and the total, so they count toward the same quotas.
     */
    public void chargeOutside(String holder, String userId, long bytes) {
        setHolder(ConversationKeyspace.userUsage(userId), holder, bytes);
        setHolder(TOTAL_PREFIX + "usage", holder + ":" + userId, bytes);
    }

    private void setHolder(String usageKey, String holder, long bytes) {
        long now = clock.millis();
        StoreCalls.run(() -> redis.eval(SET_HOLDER, List.of(usageKey), List.of(Long.toString(now), holder,
                Long.toString(bytes), Long.toString(now + policy.idleTtl().toMillis()), ttl())));
    }

    /** Drops a forgotten conversation from the given users' ledgers and from the total. */
    public void remove(String conversation, Iterable<String> users) {
        for (String user : users) {
            drop(ConversationKeyspace.userUsage(user), conversation);
        }
        drop(TOTAL_PREFIX + "usage", conversation);
    }

    private void drop(String usageKey, String conversation) {
        StoreCalls.run(() -> redis.eval(DROP, List.of(usageKey), List.of(Long.toString(clock.millis()), conversation)));
    }

    /** -1 when reserved, otherwise the bytes already used and reserved (the limit would be passed). */
    private long reserveIn(String usageKey, long bytes, long limit, String member) {
        String id = member.substring(member.indexOf(':') + 1);
        List<?> reply = (List<?>) StoreCalls.call(() -> redis.eval(RESERVE, List.of(usageKey), List.of(
                Long.toString(clock.millis()), Long.toString(bytes), Long.toString(limit), id,
                Long.toString(HOLD_MILLIS), ttl())));
        return "OK".equals(reply.get(0)) ? -1 : Long.parseLong((String) reply.get(1));
    }

    private long sum(String usageKey) {
        return StoreCalls.call(() -> redis.hvals(usageKey)).stream().mapToLong(Long::parseLong).sum();
    }

    private String ttl() {
        return Long.toString(policy.idleTtl().toMillis());
    }

    private static String prefixOf(String usageKey) {
        return usageKey.substring(0, usageKey.length() - "usage".length());
    }
}

package dev.kontextbot.conversation.retention;

import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-user storage accounting across conversations. Each conversation counts, inside its own slot, the bytes it
 * charged to each user ({@code kb:{conv}:charge}); this ledger mirrors those counts into one hash per user
 * ({@code kb:{u:<user>}:usage}, field = conversation). Mirroring sets absolute values, so a repeated or
 * interrupted sync never double-counts, and no operation needs two slots at once.
 */
public final class StorageLedger {

    private final UnifiedJedis redis;
    private final RetentionPolicy policy;

    public StorageLedger(UnifiedJedis redis, RetentionPolicy policy) {
        this.redis = redis;
        this.policy = policy;
    }

    /** Bytes a user may still add in this conversation, or -1 when the quota is unlimited. */
    public long allowanceIn(String conversation, String userId) {
        if (policy.unlimitedQuota()) {
            return -1;
        }
        Map<String, String> usage = StoreCalls.call(() -> redis.hgetAll(ConversationKeyspace.userUsage(userId)));
        long elsewhere = usage.entrySet().stream()
                .filter(e -> !e.getKey().equals(conversation))
                .mapToLong(e -> Long.parseLong(e.getValue()))
                .sum();
        return Math.max(0, policy.userQuotaBytes() - elsewhere);
    }

    /** Total bytes charged to a user over all conversations. */
    public long usedBy(String userId) {
        Map<String, String> usage = StoreCalls.call(() -> redis.hgetAll(ConversationKeyspace.userUsage(userId)));
        return usage.values().stream().mapToLong(Long::parseLong).sum();
    }

    /** Copies the conversation's per-user charges into the users' ledgers. */
    public void sync(String conversation) {
        Map<String, String> charges = StoreCalls.call(
                () -> redis.hgetAll(ConversationKeyspace.key(conversation, "charge")));
        charges.forEach((user, bytes) -> StoreCalls.run(() -> {
            String key = ConversationKeyspace.userUsage(user);
            if (Long.parseLong(bytes) <= 0) {
                redis.hdel(key, conversation);
            } else {
                redis.hset(key, conversation, bytes);
                redis.pexpire(key, policy.idleTtl().toMillis());
            }
        }));
    }

    /** Drops a forgotten conversation from the given users' ledgers. */
    public void remove(String conversation, Iterable<String> users) {
        for (String user : users) {
            StoreCalls.run(() -> redis.hdel(ConversationKeyspace.userUsage(user), conversation));
        }
    }
}

package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StoreCalls;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/** Reads of a conversation's tree: its history, and which version a {@link VersionRef} names. */
final class VersionLookup {

    private final UnifiedJedis redis;
    private final RetentionPolicy policy;

    VersionLookup(UnifiedJedis redis, RetentionPolicy policy) {
        this.redis = redis;
        this.policy = policy;
    }

    /** Every version, oldest first, marked when it is the head or one of its ancestors. */
    List<HistoryEntry> history(String conv) {
        Map<String, String> versions = StoreCalls.call(() -> redis.hgetAll(ConversationKeyspace.key(conv, "versions")));
        Optional<String> head = Optional.ofNullable(
                StoreCalls.call(() -> redis.hget(ConversationKeyspace.meta(conv), "head")));
        Map<String, Version> byId = new java.util.HashMap<>();
        versions.forEach((id, json) -> byId.put(id, StoredForms.decodeVersion(id, json)));
        Set<String> path = new HashSet<>();
        for (String x = head.orElse(null); x != null && byId.containsKey(x) && path.add(x); ) {
            x = byId.get(x).parentId();
        }
        return byId.values().stream()
                .sorted(Comparator.comparingInt(Version::number))
                .map(v -> new HistoryEntry(v, path.contains(v.id()), head.map(v.id()::equals).orElse(false)))
                .toList();
    }

    /** The id of the version {@code ref} names; refused when there is none. */
    String resolve(String conv, VersionRef ref, ConversationStore store) {
        return switch (ref) {
            case VersionRef.ById byId -> store.find(conv, byId.id()).map(Version::id).orElseThrow(
                    () -> new ConversationException(new Refusal.NoSuchVersion(byId.id())));
            case VersionRef.ByNumber byNumber -> Optional.ofNullable(StoreCalls.call(() -> redis.hget(
                    ConversationKeyspace.key(conv, "number"), Integer.toString(byNumber.number())))).orElseThrow(
                    () -> new ConversationException(new Refusal.NoSuchNumber(byNumber.number(), policy.maxVersions())));
            case VersionRef.Previous previous -> {
                Version head = store.requireHead(conv);
                if (head.parentId() == null) {
                    throw new ConversationException(new Refusal.NoPrevious());
                }
                yield head.parentId();
            }
            case VersionRef.Original original -> {
                Map<String, String> parents = StoreCalls.call(
                        () -> redis.hgetAll(ConversationKeyspace.key(conv, "parent")));
                String x = store.requireHead(conv).id();
                for (int hops = 0; !parents.getOrDefault(x, "").isEmpty() && hops <= parents.size(); hops++) {
                    x = parents.get(x);
                }
                yield x;
            }
        };
    }
}

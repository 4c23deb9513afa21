package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StorageLedger;
import dev.kontextbot.conversation.retention.StoreCalls;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** A conversation's named character and style references ({@link ConversationStore#REFERENCES_PER_KIND} a kind). */
final class ReferenceShelf {

    private final UnifiedJedis redis;
    private final TreeScriptCalls scripts;
    private final StorageLedger ledger;
    private final String ttl;

    ReferenceShelf(UnifiedJedis redis, RetentionPolicy policy, TreeScriptCalls scripts, StorageLedger ledger) {
        this.redis = redis;
        this.scripts = scripts;
        this.ledger = ledger;
        this.ttl = Long.toString(policy.idleTtl().toMillis());
    }

    /** Names a stored image of this conversation as a character or style reference (replacing a same name). */
    Reference set(String conv, ReferenceKind kind, String name, String blobId) {
        String clean = referenceName(name);
        if (!BlobStore.isBlobId(blobId) || !blobId.startsWith("png-")) {
            throw new IllegalArgumentException("A reference needs the id of a stored PNG");
        }
        scripts.run(conv, TreeScripts.SET_REFERENCE, ttl, kind + "/" + clean, blobId,
                Integer.toString(ConversationStore.REFERENCES_PER_KIND), kind + "/");
        ledger.sync(conv); // a replaced reference may have released the last use of an image
        return new Reference(kind, clean, blobId);
    }

    /** Removes one reference; false when there was none of that name. */
    boolean clear(String conv, ReferenceKind kind, String name) {
        List<String> reply = scripts.run(conv, TreeScripts.CLEAR_REFERENCES, ttl, kind + "/" + referenceName(name),
                kind + "/");
        ledger.sync(conv);
        return !"0".equals(reply.get(1));
    }

    /** Removes every reference of a kind; returns how many there were. */
    int clearAll(String conv, ReferenceKind kind) {
        List<String> reply = scripts.run(conv, TreeScripts.CLEAR_REFERENCES, ttl, "", kind + "/");
        ledger.sync(conv);
        return Integer.parseInt(reply.get(1));
    }

    List<Reference> all(String conv) {
        Map<String, String> refs = StoreCalls.call(() -> redis.hgetAll(ConversationKeyspace.key(conv, "refs")));
        return refs.entrySet().stream()
                .map(e -> {
                    int slash = e.getKey().indexOf('/');
                    return new Reference(ReferenceKind.valueOf(e.getKey().substring(0, slash)),
                            e.getKey().substring(slash + 1), e.getValue());
                })
                .sorted(Comparator.comparing(Reference::kind).thenComparing(Reference::name))
                .toList();
    }

    private static String referenceName(String name) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("A reference needs a name of 1 to 64 characters");
        }
        return name.trim();
    }
}

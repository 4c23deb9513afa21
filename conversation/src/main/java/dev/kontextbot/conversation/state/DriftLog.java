package dev.kontextbot.conversation.state;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each version's drift against the root of its tree, as the worker measured it when it stored the version: a hash
 * {@code P drift} of version id to the drift's compact text (inference's {@code Drift.encode()}: colour and detail,
 * plus the face figure as a fifth field when the worker has the face models). Lives under the conversation's hash tag
 * and expires with it.
 */
public final class DriftLog {

    static final String SUFFIX = "drift";

    private final UnifiedJedis jedis;
    private final RetentionPolicy policy;

    public DriftLog(UnifiedJedis jedis, RetentionPolicy policy) {
        this.jedis = jedis;
        this.policy = policy;
    }

    public void record(String conversation, String versionId, String drift) {
        String key = ConversationKeyspace.key(conversation, SUFFIX);
        RedisGuard.run(() -> {
            jedis.hset(key, versionId, drift);
            jedis.pexpire(key, policy.idleTtl().toMillis());
        });
    }

    public Optional<String> of(String conversation, String versionId) {
        return Optional.ofNullable(RedisGuard.call(() -> jedis.hget(ConversationKeyspace.key(conversation, SUFFIX),
                versionId)));
    }

    /** Version id to drift, for every version measured. */
    public Map<String, String> all(String conversation) {
        return RedisGuard.call(() -> jedis.hgetAll(ConversationKeyspace.key(conversation, SUFFIX)));
    }
}

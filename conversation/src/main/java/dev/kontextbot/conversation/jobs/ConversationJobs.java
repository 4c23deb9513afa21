package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The latest jobs of each conversation, newest first, so "cancel" can find what is still running without the user
 * naming a job id. Lives under the conversation's hash tag and expires with it.
 */
public final class ConversationJobs {

    static final String SUFFIX = "recentjobs";
    private static final int KEEP = 20;

    private final UnifiedJedis jedis;
    private final RetentionPolicy policy;

    public ConversationJobs(UnifiedJedis jedis, RetentionPolicy policy) {
        this.jedis = jedis;
        this.policy = policy;
    }

    public void record(String conversation, String jobId) {
        String key = ConversationKeyspace.key(conversation, SUFFIX);
        RedisGuard.run(() -> {
            jedis.lpush(key, jobId);
            jedis.ltrim(key, 0, KEEP - 1);
            jedis.pexpire(key, policy.idleTtl().toMillis());
        });
    }

    public List<String> recent(String conversation) {
        return RedisGuard.call(() -> jedis.lrange(ConversationKeyspace.key(conversation, SUFFIX), 0, KEEP - 1));
    }
}

package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisGuard;
import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The latest jobs of each conversation, newest first, so "cancel" can find what is still running without the user
 * naming a job id. Lives under the conversation's hash tag and expires with it. Group chats also keep the latest
 * jobs of the whole chat, so an admin can cancel any of them even when every member has a conversation of their own.
 */
public final class ConversationJobs {

    static final String SUFFIX = "recentjobs";
    private static final int KEEP = 20;
    private static final int CHAT_KEEP = 100;

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

    /** Also records the job under its chat (group chats: the admins' "cancel" reaches every member's jobs). */
    public void recordInChat(String platform, String chatId, String jobId) {
        String key = chatKey(platform, chatId);
        RedisGuard.run(() -> {
            jedis.lpush(key, jobId);
            jedis.ltrim(key, 0, CHAT_KEEP - 1);
            jedis.pexpire(key, policy.idleTtl().toMillis());
        });
    }

    public List<String> recentInChat(String platform, String chatId) {
        return RedisGuard.call(() -> jedis.lrange(chatKey(platform, chatId), 0, CHAT_KEEP - 1));
    }

    /** One key per chat; braces are taken out of the ids so the hash tag stays the chat's. */
    static String chatKey(String platform, String chatId) {
        return "kb:{chat:" + (platform + ":" + chatId).replace('{', '(').replace('}', ')') + "}:recentjobs";
    }

    public List<String> recent(String conversation) {
        return RedisGuard.call(() -> jedis.lrange(ConversationKeyspace.key(conversation, SUFFIX), 0, KEEP - 1));
    }
}

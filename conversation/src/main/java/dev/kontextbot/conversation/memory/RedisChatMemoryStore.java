package dev.kontextbot.conversation.memory;

import dev.kontextbot.conversation.retention.ConversationKeyspace;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StoreCalls;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The agent's chat memory in Redis, one JSON list per conversation ({@code kb:{conv}:memory}, memory id =
 * conversation id). Keeps at most {@code maxMessages}: the oldest go first, but a system message stays and a
 * tool result is never kept without the AI message that called it. Writes refresh the conversation's TTL.
 */
public final class RedisChatMemoryStore implements ChatMemoryStore {

    public static final int DEFAULT_MAX_MESSAGES = 40;

    private static final String SET = ConversationKeyspace.LUA_PRELUDE + """
            redis.call('SET', P .. 'memory', ARGV[2])
            touch(ARGV[1])
            return 'OK'
            """;

    private final UnifiedJedis redis;
    private final RetentionPolicy policy;
    private final int maxMessages;

    public RedisChatMemoryStore(UnifiedJedis redis, RetentionPolicy policy, int maxMessages) {
        if (maxMessages < 2) {
            throw new IllegalArgumentException("Chat memory must keep at least 2 messages");
        }
        this.redis = redis;
        this.policy = policy;
        this.maxMessages = maxMessages;
    }

    public RedisChatMemoryStore(UnifiedJedis redis, RetentionPolicy policy) {
        this(redis, policy, DEFAULT_MAX_MESSAGES);
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String json = StoreCalls.call(() -> redis.get(key(memoryId)));
        return json == null ? new ArrayList<>() : new ArrayList<>(ChatMessageDeserializer.messagesFromJson(json));
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String json = ChatMessageSerializer.messagesToJson(bounded(messages));
        String meta = ConversationKeyspace.meta(conversation(memoryId));
        StoreCalls.call(() -> redis.eval(SET, List.of(meta), List.of(Long.toString(policy.idleTtl().toMillis()), json)));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        StoreCalls.call(() -> redis.del(key(memoryId)));
    }

    /** The newest messages within the cap; a leading system message is kept, orphaned tool results are not. */
    List<ChatMessage> bounded(List<ChatMessage> messages) {
        if (messages.size() <= maxMessages) {
            return messages;
        }
        SystemMessage system = messages.getFirst() instanceof SystemMessage s ? s : null;
        int budget = system == null ? maxMessages : maxMessages - 1;
        List<ChatMessage> tail = new ArrayList<>(messages.subList(messages.size() - budget, messages.size()));
        while (!tail.isEmpty() && tail.getFirst() instanceof ToolExecutionResultMessage) {
            tail.removeFirst();
        }
        if (system != null) {
            tail.addFirst(system);
        }
        return tail;
    }

    private static String conversation(Object memoryId) {
        if (memoryId == null) {
            throw new IllegalArgumentException("A chat memory needs a memory id (the conversation id)");
        }
        return ConversationKeyspace.checked(memoryId.toString());
    }

    private static String key(Object memoryId) {
        return ConversationKeyspace.key(conversation(memoryId), "memory");
    }
}

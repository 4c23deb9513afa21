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
 * conversation id). Keeps at most {@code maxMessages} and at most {@code maxBytes} of JSON: the oldest go first,
 * but a system message stays and a tool result is never kept without the AI message that called it. A count
 * alone would let a few long messages (pasted text, long tool answers) fill Redis. Writes refresh the
 * conversation's TTL.
 */
public final class RedisChatMemoryStore implements ChatMemoryStore {

    public static final int DEFAULT_MAX_MESSAGES = 40;
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private static final String SET = ConversationKeyspace.LUA_PRELUDE + """
            redis.call('SET', P .. 'memory', ARGV[2])
            touch(ARGV[1])
            return 'OK'
            """;

    private final UnifiedJedis redis;
    private final RetentionPolicy policy;
    private final int maxMessages;
    private final int maxBytes;

    public RedisChatMemoryStore(UnifiedJedis redis, RetentionPolicy policy, int maxMessages, int maxBytes) {
        if (maxMessages < 2) {
            throw new IllegalArgumentException("Chat memory must keep at least 2 messages");
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("Chat memory must have room for at least 1 KB");
        }
        this.redis = redis;
        this.policy = policy;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    public RedisChatMemoryStore(UnifiedJedis redis, RetentionPolicy policy, int maxMessages) {
        this(redis, policy, maxMessages, DEFAULT_MAX_BYTES);
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

    /**
     * The newest messages within both caps; a leading system message is kept, orphaned tool results are not.
     * Sizes are measured as the JSON each message is stored as.
     */
    List<ChatMessage> bounded(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        SystemMessage system = messages.getFirst() instanceof SystemMessage s ? s : null;
        int budget = system == null ? maxMessages : maxMessages - 1;
        List<ChatMessage> tail = new ArrayList<>(messages.subList(system == null ? 0 : 1, messages.size()));
        List<Integer> sizes = new ArrayList<>(tail.stream().map(RedisChatMemoryStore::jsonBytes).toList());
        long bytes = (system == null ? 0 : jsonBytes(system)) + sizes.stream().mapToLong(Integer::longValue).sum();
        while (!tail.isEmpty() && (tail.size() > budget || bytes > maxBytes
                || tail.getFirst() instanceof ToolExecutionResultMessage)) {
            tail.removeFirst();
            bytes -= sizes.removeFirst();
        }
        if (system != null) {
            tail.addFirst(system);
        }
        return tail;
    }

    private static int jsonBytes(ChatMessage message) {
        return ChatMessageSerializer.messageToJson(message).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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

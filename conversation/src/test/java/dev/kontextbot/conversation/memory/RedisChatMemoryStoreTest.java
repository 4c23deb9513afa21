package dev.kontextbot.conversation.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class RedisChatMemoryStoreTest {

    private static final String CONV = "telegram:1";

    private static List<ChatMessage> turn(int i) {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call-" + i).name("edit")
                .arguments("{\"instruction\":\"add a hat " + i + "\"}").build();
        return List.of(UserMessage.from("add a hat " + i), AiMessage.from(call),
                ToolExecutionResultMessage.from(call, "queued job " + i), AiMessage.from("Working on it " + i));
    }

    @Test
    void toolCallsRoundTrip(UnifiedJedis redis) {
        RedisChatMemoryStore memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults());
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from("You edit images."));
        messages.addAll(turn(1));
        memory.updateMessages(CONV, messages);

        assertThat(memory.getMessages(CONV)).isEqualTo(messages);
        assertThat(((AiMessage) memory.getMessages(CONV).get(2)).toolExecutionRequests().getFirst().arguments())
                .contains("add a hat 1");
        assertThat(memory.getMessages("telegram:2")).isEmpty();
        assertThat(redis.pttl("kb:{" + CONV + "}:memory")).isGreaterThan(Duration.ofDays(29).toMillis());

        memory.deleteMessages(CONV);
        assertThat(memory.getMessages(CONV)).isEmpty();
    }

    @Test
    void isBoundedAndNeverStartsWithAnOrphanedToolResult(UnifiedJedis redis) {
        RedisChatMemoryStore memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults(), 7);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from("You edit images."));
        for (int i = 0; i < 5; i++) {
            messages.addAll(turn(i));
        }
        memory.updateMessages(CONV, messages);

        List<ChatMessage> kept = memory.getMessages(CONV);
        // budget 6 after the system message: the last 6 start with a tool result of turn 3, which goes too
        assertThat(kept).hasSize(6);
        assertThat(kept.getFirst()).isEqualTo(SystemMessage.from("You edit images."));
        assertThat(kept.get(1)).isEqualTo(AiMessage.from("Working on it 3"));
        assertThat(kept.getLast()).isEqualTo(AiMessage.from("Working on it 4"));
    }

    @Test
    void writingMemoryKeepsTheWholeConversationAlive(UnifiedJedis redis) {
        redis.psetex("kb:{" + CONV + "}:settings", 1_000, "{}");
        new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).updateMessages(CONV, List.of(UserMessage.from("hi")));
        assertThat(redis.pttl("kb:{" + CONV + "}:settings")).isGreaterThan(Duration.ofDays(29).toMillis());
    }
}

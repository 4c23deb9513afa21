package dev.kontextbot.conversation.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** A few long messages must not fill Redis: the memory is capped in bytes as well as in messages. */
@RedisTest
class ChatMemoryBytesTest {

    private static final String CONV = "web:bytes";

    @Test
    void longMessagesAreDroppedOldestFirstUntilTheMemoryFits(UnifiedJedis redis) {
        RedisChatMemoryStore memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults(), 40, 4096);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from("You edit images."));
        for (int i = 0; i < 10; i++) {
            messages.add(UserMessage.from(i + " " + "x".repeat(900)));
            messages.add(AiMessage.from("ok " + i));
        }
        memory.updateMessages(CONV, messages);

        String stored = redis.get("kb:{" + CONV + "}:memory");
        assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        List<ChatMessage> kept = memory.getMessages(CONV);
        assertThat(kept.getFirst()).isEqualTo(SystemMessage.from("You edit images."));
        assertThat(kept.getLast()).isEqualTo(AiMessage.from("ok 9"));
        assertThat(kept.size()).isBetween(3, 10);

        // One message larger than the whole budget is not kept at all.
        memory.updateMessages(CONV, List.of(SystemMessage.from("You edit images."),
                UserMessage.from("y".repeat(10_000))));
        assertThat(memory.getMessages(CONV)).containsExactly(SystemMessage.from("You edit images."));
    }
}

package dev.kontextbot.core.agent;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.rules.ToolNames;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.prompts.SystemPrompt;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** The bot against a local fake Ollama server ({@code /api/chat}, tool arguments as a JSON object). */
@RedisTest
class OllamaWireFormatTest {

    private final FakeOllamaServer llm = new FakeOllamaServer(ScriptedLlm.byCommand());
    private TestBot testBot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
        llm.close();
    }

    private TestChats.Person start(UnifiedJedis redis, boolean vision) {
        testBot = TestBot.withLlm(redis, dir, llm.options(vision));
        return TestChats.join(testBot.bot(),
                ChatOrigin.privateChat("console", "chat-1", new ChatUser("alice", "Alice", false)));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void theRequestCarriesTheSystemPromptTheToolsAndTheUsersText(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);

        alice.say("make the sky blue");

        JsonNode body = llm.lastRequest().body();
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        JsonNode system = body.path("messages").get(0);
        assertThat(system.path("role").asText()).isEqualTo("system");
        assertThat(system.path("content").asText()).contains(new SystemPrompt().text());
        assertThat(list(body.path("tools")).stream().map(t -> t.path("function").path("name").asText()))
                .containsExactlyInAnyOrderElementsOf(ToolNames.ALL);
        JsonNode last = body.path("messages").get(body.path("messages").size() - 1);
        assertThat(last.path("role").asText()).isEqualTo("user");
        assertThat(last.path("content").asText()).isEqualTo("make the sky blue");
        assertThat(alice.nextText().text()).isEqualTo(ScriptedLlm.SMALL_TALK);
    }

    @Test
    void aToolCallWithObjectArgumentsIsExecuted(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);

        alice.say("call update_settings {\"steps\": 2, \"seed\": 7}");
        assertThat(alice.nextText().text()).startsWith("Settings: 2 steps").contains("seed 7");

        alice.say("call edit_image {\"instruction\": \"Make the sky blue\"}", photo());
        Reply.Image result = alice.nextResult();
        assertThat(result.caption()).contains("Make the sky blue").contains("seed 7");
        assertThat(result.versionNumber()).isEqualTo(2);

        List<JsonNode> messages = list(llm.lastRequest().body().path("messages"));
        JsonNode call = messages.get(messages.size() - 2);
        assertThat(call.path("role").asText()).isEqualTo("assistant");
        assertThat(call.path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo(ToolNames.EDIT_IMAGE);
        assertThat(call.path("tool_calls").get(0).path("function").path("arguments").isObject()).isTrue();
        assertThat(messages.getLast().path("role").asText()).isEqualTo("tool");
        assertThat(messages.getLast().path("content").asText()).contains("queued");
    }

    @Test
    void withVisionTheCurrentPictureGoesInImages(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = start(redis, true);
        alice.say("call remember_image {}", photo());
        alice.nextShown();

        alice.say("what do you see?");

        List<JsonNode> users = list(llm.lastRequest().body().path("messages")).stream()
                .filter(m -> m.path("role").asText().equals("user")).toList();
        JsonNode last = users.getLast();
        assertThat(last.path("content").asText()).isEqualTo("what do you see?");
        assertThat(last.path("images")).hasSize(1);
        BufferedImage seen = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(last.path("images").get(0).asText())));
        assertThat(seen.getWidth()).isEqualTo(640);
        assertThat(seen.getHeight()).isEqualTo(480);
        // Earlier messages come from memory, which keeps no pictures.
        assertThat(users.getFirst().path("images").isMissingNode() || users.getFirst().path("images").isEmpty())
                .isTrue();
    }
}

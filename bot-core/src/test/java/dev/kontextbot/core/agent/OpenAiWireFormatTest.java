package dev.kontextbot.core.agent;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.photo;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.rules.ToolNames;
import dev.kontextbot.core.testing.RecordingPlatform;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.prompts.SystemPrompt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** The bot against a local fake OpenAI-compatible server: what it sends, and what it does with the answers. */
@RedisTest
class OpenAiWireFormatTest {

    static final String FALLBACK_NOTICE = "The language model is not reachable right now, so I used my built-in rules.";

    private final FakeOpenAiServer llm = new FakeOpenAiServer(ScriptedLlm.byCommand());
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

    private TestChats.Person start(UnifiedJedis redis, String baseUrl, boolean vision, String user) {
        testBot = TestBot.withLlm(redis, dir, FakeOpenAiServer.options(baseUrl, vision));
        return person(user);
    }

    private TestChats.Person person(String user) {
        return TestChats.join(testBot.bot(), TestChats.privateChat("console-" + user, user));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static JsonNode lastUser(JsonNode request) {
        List<JsonNode> users = list(request.path("messages")).stream()
                .filter(m -> m.path("role").asText().equals("user")).toList();
        return users.getLast();
    }

    @Test
    void theRequestCarriesTheSystemPromptTheToolsAndTheUsersText(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, llm.baseUrl(), false, "alice");

        alice.say("make the sky blue please");

        FakeLlmServer.Recorded sent = llm.lastRequest();
        JsonNode body = sent.body();
        assertThat(sent.headers().getFirst("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        JsonNode system = body.path("messages").get(0);
        assertThat(system.path("role").asText()).isEqualTo("system");
        assertThat(system.path("content").asText()).contains(new SystemPrompt().text())
                .contains("The conversation has no picture yet.");
        List<String> declared = list(body.path("tools")).stream()
                .peek(t -> assertThat(t.path("type").asText()).isEqualTo("function"))
                .map(t -> t.path("function").path("name").asText()).toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(ToolNames.ALL);
        JsonNode edit = list(body.path("tools")).stream()
                .filter(t -> t.path("function").path("name").asText().equals(ToolNames.EDIT_IMAGE)).findFirst()
                .orElseThrow().path("function");
        assertThat(edit.path("parameters").path("type").asText()).isEqualTo("object");
        assertThat(edit.path("parameters").path("properties").has("instruction")).isTrue();
        assertThat(list(edit.path("parameters").path("required")).stream().map(JsonNode::asText))
                .containsExactly("instruction");
        JsonNode last = body.path("messages").get(body.path("messages").size() - 1);
        assertThat(last.path("role").asText()).isEqualTo("user");
        assertThat(FakeLlmServer.text(last.path("content"))).isEqualTo("make the sky blue please");
        // A text answer is passed on as it is.
        assertThat(alice.nextText().text()).isEqualTo(ScriptedLlm.SMALL_TALK);
    }

    @Test
    void aToolCallFromTheServerIsExecutedAndItsResultGoesBack(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, llm.baseUrl(), false, "alice");
        alice.say("call update_settings {\"steps\": 2}");
        assertThat(alice.nextText().text()).startsWith("Settings: 2 steps");

        alice.say("call edit_image {\"instruction\": \"Make the sky blue\"}", photo());

        Reply.Queued queued = alice.chat().await(Reply.Queued.class, q -> true, TestChats.WAIT);
        Reply.Image result = alice.nextResult();
        assertThat(result.jobId()).contains(queued.jobId());
        assertThat(result.caption()).contains("Make the sky blue");
        assertThat(result.width()).isEqualTo(1184);
        assertThat(result.height()).isEqualTo(880);
        // The request after the call carries the assistant's call and the tool's result, matched by id.
        JsonNode followUp = llm.lastRequest().body();
        List<JsonNode> messages = list(followUp.path("messages"));
        JsonNode call = messages.get(messages.size() - 2);
        JsonNode result2 = messages.getLast();
        assertThat(call.path("role").asText()).isEqualTo("assistant");
        assertThat(call.path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo(ToolNames.EDIT_IMAGE);
        assertThat(result2.path("role").asText()).isEqualTo("tool");
        assertThat(result2.path("tool_call_id").asText()).isEqualTo(call.path("tool_calls").get(0).path("id").asText());
        assertThat(result2.path("content").asText()).contains("queued");
        // Without vision the model hears about the attachment in words, never as an image.
        JsonNode user = lastUser(followUp);
        assertThat(FakeLlmServer.text(user.path("content"))).contains("(The user attached 1 picture.)");
        assertThat(user.path("content").toString()).doesNotContain("image_url");
    }

    @Test
    void withVisionTheCurrentPictureIsSentAsAHighDetailDataUrl(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = start(redis, llm.baseUrl(), true, "alice");
        alice.say("call remember_image {}", photo());
        Reply.Image kept = alice.nextShown();
        assertThat(kept.width()).isEqualTo(640);

        alice.say("what do you see?");

        JsonNode user = lastUser(llm.lastRequest().body());
        List<JsonNode> images = list(user.path("content")).stream()
                .filter(p -> p.path("type").asText().equals("image_url")).toList();
        assertThat(images).hasSize(1);
        JsonNode imageUrl = images.getFirst().path("image_url");
        assertThat(imageUrl.path("detail").asText()).isEqualTo("high");
        String url = imageUrl.path("url").asText();
        assertThat(url).startsWith("data:image/png;base64,");
        BufferedImage seen = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))));
        assertThat(seen.getWidth()).isEqualTo(640);
        assertThat(seen.getHeight()).isEqualTo(480);
        assertThat(FakeLlmServer.text(user.path("content"))).isEqualTo("what do you see?");
        assertThat(list(llm.lastRequest().body().path("messages")).stream()
                .filter(m -> m.path("role").asText().equals("system")).toList())
                .singleElement().satisfies(m -> assertThat(m.path("content").asText())
                        .contains("current picture is v1 (640x480)"));
        // The picture goes to the request only: earlier user messages in memory carry no image.
        List<JsonNode> users = list(llm.lastRequest().body().path("messages")).stream()
                .filter(m -> m.path("role").asText().equals("user")).toList();
        assertThat(users).hasSizeGreaterThan(1);
        assertThat(users.getFirst().path("content").toString()).doesNotContain("image_url");
    }

    /**
     * A vision model asked about a picture that came with the message must see THAT picture (or at least be told one
     * came): today it gets the previous current picture and no word about the attachment, because the vision image
     * is read from the head before the turn stores the upload, and TurnImages adds the "(The user attached ...)"
     * sentence only when there is no vision picture.
     */
    @Test
    void withVisionAPictureSentWithTheMessageIsTheOneTheModelSees(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = start(redis, llm.baseUrl(), true, "alice");
        alice.say("call remember_image {}", photo());
        alice.nextShown();

        alice.say("what is in this picture?", attachment("new.png", png(320, 240)));

        JsonNode user = lastUser(llm.lastRequest().body());
        assertThat(FakeLlmServer.text(user.path("content"))).contains("(The user attached 1 picture.)");
        List<JsonNode> images = list(user.path("content")).stream()
                .filter(p -> p.path("type").asText().equals("image_url")).toList();
        assertThat(images).isNotEmpty();
        String url = images.getLast().path("image_url").path("url").asText();
        BufferedImage seen = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))));
        assertThat(seen.getWidth()).isEqualTo(320);
        assertThat(seen.getHeight()).isEqualTo(240);
    }

    /**
     * The situation line changes from turn to turn, so the system message changes; LangChain4j's window memory then
     * moves it to the END of the history unless told to keep it first. Chat templates of many OpenAI-compatible
     * servers reject a system message that is not first, and models weigh it less.
     */
    @Test
    void theSystemMessageStaysFirstOnLaterTurns(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, llm.baseUrl(), false, "alice");
        alice.say("call remember_image {}", photo());
        alice.nextShown();

        alice.say("hello again");

        List<JsonNode> messages = list(llm.lastRequest().body().path("messages"));
        assertThat(messages.getFirst().path("role").asText()).isEqualTo("system");
        assertThat(messages.getFirst().path("content").asText()).contains("current picture is v1 (640x480)");
        assertThat(messages).filteredOn(m -> m.path("role").asText().equals("system")).hasSize(1);
        assertThat(messages.getLast().path("role").asText()).isEqualTo("user");
    }

    @Test
    void anUnreachableLlmFallsBackToTheRulesAndSaysSoOncePerConversation(UnifiedJedis redis) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestChats.Person alice = start(redis, "http://127.0.0.1:" + closedPort + "/v1", false, "alice");
        TestChats.Person bob = person("bob");

        alice.say("help");
        alice.say("history");
        alice.say("call it a day");
        bob.say("history");

        List<String> aliceTexts = texts(alice.chat());
        assertThat(aliceTexts).filteredOn(FALLBACK_NOTICE::equals).hasSize(1);
        assertThat(aliceTexts.getFirst()).isEqualTo(FALLBACK_NOTICE);
        // The rules answered: the help, then the (empty) history.
        assertThat(aliceTexts).anyMatch(t -> t.contains("There are no pictures in this conversation yet"));
        assertThat(aliceTexts.get(1)).isNotBlank().isNotEqualTo(FALLBACK_NOTICE);
        assertThat(texts(bob.chat())).containsExactly(FALLBACK_NOTICE,
                "There are no pictures in this conversation yet. Send one, or describe one to create.");
    }

    @Test
    void anUnknownToolNameFallsBackToTheRules(UnifiedJedis redis) {
        llm.script(ScriptedLlm.always("paint_the_fence", Map.of("color", "red")));
        TestChats.Person alice = start(redis, llm.baseUrl(), false, "alice");

        alice.say("history");
        alice.say("history");

        List<String> texts = texts(alice.chat());
        assertThat(texts).containsExactly(FALLBACK_NOTICE,
                "There are no pictures in this conversation yet. Send one, or describe one to create.",
                "There are no pictures in this conversation yet. Send one, or describe one to create.");
        assertThat(llm.requests()).hasSize(2);
    }

    private static List<String> texts(RecordingPlatform chat) {
        List<String> out = new ArrayList<>();
        for (Reply r : chat.all()) {
            if (r instanceof Reply.Text t) {
                out.add(t.text());
            }
        }
        return out;
    }
}

package dev.kontextbot.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import dev.kontextbot.core.rules.ToolNames;
import dev.kontextbot.core.testing.RecordingPlatform;
import dev.kontextbot.core.testing.TestBot;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** The agent's memory lives in Redis: a restarted Redis and a new bot process still have the conversation. */
@RedisTest
class AgentMemoryRestartTest {

    private final ChatOrigin alice = ChatOrigin.privateChat("console", "chat-1", new ChatUser("alice", "Alice", false));

    @TempDir
    Path dir;

    private TestChats.Person talkTo(TestBot bot) {
        RecordingPlatform chat = new RecordingPlatform("console");
        bot.bot().register(chat);
        return new TestChats.Person(bot.bot(), alice, chat);
    }

    /**
     * Each bot process opens its own connections: pooled ones die with the server (the extension's shared client may
     * still hold dead ones from an earlier restart).
     */
    private static UnifiedJedis freshClient(RedisServerProcess server) {
        UnifiedJedis client = RedisConnector.open(server.url());
        assertThat(client.ping()).isEqualTo("PONG");
        return client;
    }

    @Test
    void ruleModeMemorySurvivesARestartOfRedisAndOfTheBot(RedisServerProcess server) {
        String conv;
        try (UnifiedJedis redis1 = freshClient(server); TestBot first = TestBot.start(redis1, dir)) {
            TestChats.Person person = talkTo(first);
            person.say("steps 3");
            person.say("history");
            conv = first.core().conversationOf(alice);
        }

        server.restart();

        try (UnifiedJedis redis2 = freshClient(server); TestBot second = TestBot.start(redis2, dir)) {
            List<ChatMessage> stored = new RedisChatMemoryStore(redis2, RetentionPolicy.defaults()).getMessages(conv);
            assertThat(stored).filteredOn(UserMessage.class::isInstance).map(m -> ((UserMessage) m).singleText())
                    .containsExactly("steps 3", "history");
            assertThat(stored).filteredOn(m -> m instanceof AiMessage ai && ai.hasToolExecutionRequests())
                    .map(m -> ((AiMessage) m).toolExecutionRequests().getFirst().name())
                    .containsExactly(ToolNames.UPDATE_SETTINGS, ToolNames.SHOW_HISTORY);
            assertThat(stored).filteredOn(ToolExecutionResultMessage.class::isInstance)
                    .map(m -> ((ToolExecutionResultMessage) m).text()).first().asString()
                    .startsWith("Settings: 3 steps");

            TestChats.Person person = talkTo(second);
            person.say("help");
            assertThat(new RedisChatMemoryStore(redis2, RetentionPolicy.defaults()).getMessages(conv))
                    .filteredOn(UserMessage.class::isInstance).map(m -> ((UserMessage) m).singleText())
                    // Rule mode keeps a short window (10 messages), so the oldest turn may have left it.
                    .endsWith("history", "help");
            assertThat(second.views().settings(alice).steps()).isEqualTo(3);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Memory outlives the process, so a tool call id must too: the rule-based model numbers its calls from
     * "rules-1" in every process, and after a restart the same id names two different calls in one conversation's
     * memory. OpenAI-compatible servers pair a tool result with its call by id; some reject duplicates.
     */
    @Test
    void toolCallIdsOfTwoBotProcessesDoNotCollide() {
        UserMessage undo = UserMessage.from("undo");
        String first = new RuleBasedChatModel().chat(undo).aiMessage().toolExecutionRequests().getFirst().id();
        String second = new RuleBasedChatModel().chat(undo).aiMessage().toolExecutionRequests().getFirst().id();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void afterARestartTheLanguageModelSeesTheEarlierTurns(RedisServerProcess server) {
        try (FakeOpenAiServer llm = new FakeOpenAiServer(ScriptedLlm.byCommand())) {
            try (UnifiedJedis redis1 = freshClient(server);
                 TestBot first = TestBot.withLlm(redis1, dir, llm.options(false))) {
                talkTo(first).say("My cat is called Tom.");
            }

            server.restart();

            try (UnifiedJedis redis2 = freshClient(server);
                 TestBot second = TestBot.withLlm(redis2, dir, llm.options(false))) {
                talkTo(second).say("What is my cat called?");
            }
            List<String> userTexts = StreamSupport.stream(llm.lastRequest().body().path("messages").spliterator(),
                            false)
                    .filter(m -> m.path("role").asText().equals("user"))
                    .map(m -> FakeLlmServer.text(m.path("content"))).toList();
            assertThat(userTexts).containsExactly("My cat is called Tom.", "What is my cat called?");
            JsonNode assistant = StreamSupport.stream(llm.lastRequest().body().path("messages").spliterator(), false)
                    .filter(m -> m.path("role").asText().equals("assistant")).findFirst().orElseThrow();
            assertThat(assistant.path("content").asText()).isEqualTo(ScriptedLlm.SMALL_TALK);
        }
    }
}

package dev.kontextbot.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import dev.kontextbot.core.rules.ToolNames;
import dev.kontextbot.core.testing.TestPictures;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.words.StateWords;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link TurnAgent} with a scripted chat model (a test implementation of LangChain4j's {@link ChatModel}, the
 * third-party boundary), tools that record their calls, and the real Redis memory store.
 */
@RedisTest
class TurnAgentTest {

    private static final String CONV = "console:chat-1";

    /** Answers a user message with one tool call, a tool result with its text; records every request. */
    static final class ScriptedChatModel implements ChatModel {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        private final String tool;
        private final String arguments;

        ScriptedChatModel(String tool, String arguments) {
            this.tool = tool;
            this.arguments = arguments;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            ChatMessage last = request.messages().getLast();
            if (last instanceof ToolExecutionResultMessage result) {
                return ChatResponse.builder().aiMessage(AiMessage.from("Done: " + result.text()))
                        .finishReason(FinishReason.STOP).build();
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(ToolExecutionRequest.builder().id("c1")
                    .name(tool).arguments(arguments).build())).finishReason(FinishReason.TOOL_EXECUTION).build();
        }
    }

    /** A chat model whose server is down. */
    static final class Unreachable implements ChatModel {
        int calls;

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls++;
            throw new RuntimeException("Connection refused");
        }
    }

    /** Tools with the contract names that record what they were asked. */
    static final class RecordingTools {
        final List<String> calls = new ArrayList<>();

        @Tool(name = ToolNames.UNDO, value = "Undo")
        public String undo() {
            calls.add("undo");
            return "now at v1";
        }

        @Tool(name = ToolNames.SET_REFERENCE, value = "Set a reference")
        public String setReference(@P("kind") String kind, @P(value = "source", required = false) String source) {
            calls.add("set_reference " + kind + " " + source);
            return "kept";
        }

        @Tool(name = ToolNames.EDIT_IMAGE, value = "Edit")
        public String edit(@P("instruction") String instruction) {
            calls.add("edit_image " + instruction);
            return "queued";
        }
    }

    /** A turn of {@code CONV} whose replies go nowhere (these tools answer the agent, not the chat). */
    private static TurnContext turn(UnifiedJedis redis) {
        return new TurnContext(new ChatOrigin("console", "chat-1", Optional.empty(), new ChatUser("u1", "u1", false),
                true, Optional.empty()), Optional.empty(), CONV, reply -> Optional.empty(),
                new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults()), Optional.empty(),
                StateWords.load("en"));
    }

    private static TurnAgent agent(ChatModel llm, UnifiedJedis redis, boolean vision) {
        return new TurnAgent(java.util.Optional.ofNullable(llm), new RuleBasedChatModel(),
                new RedisChatMemoryStore(redis, RetentionPolicy.defaults()), 30, "You edit pictures.", vision,
                new LlmCircuitBreaker(java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC(), problem -> { }),
                java.time.Duration.ofMinutes(2), java.time.Clock.systemUTC());
    }

    @Test
    void theScriptedModelsToolCallRunsAndItsAnswerComesBack(UnifiedJedis redis) {
        ScriptedChatModel llm = new ScriptedChatModel(ToolNames.UNDO, "{}");
        RecordingTools tools = new RecordingTools();

        TurnAgent.Outcome outcome = agent(llm, redis, false).run(CONV, "go back", 0, List.of(), "No picture yet.",
                List.of(tools), turn(redis));

        assertThat(tools.calls).containsExactly("undo");
        assertThat(outcome).isEqualTo(new TurnAgent.Outcome("Done: now at v1", false, false));
        assertThat(llm.requests).hasSize(2);
        assertThat(llm.requests.getFirst().toolSpecifications()).extracting(t -> t.name())
                .containsExactlyInAnyOrder(ToolNames.UNDO, ToolNames.SET_REFERENCE, ToolNames.EDIT_IMAGE);
        List<ChatMessage> memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).getMessages(CONV);
        assertThat(memory).hasSize(5);
    }

    @Test
    void visionPicturesGoToTheRequestAtHighDetailButNotToMemory(UnifiedJedis redis) {
        ScriptedChatModel llm = new ScriptedChatModel(ToolNames.EDIT_IMAGE, "{\"instruction\":\"Make it red\"}");

        agent(llm, redis, true).run(CONV, "make it red", 0, List.of(TestPictures.png(8, 8)), "v1 (8x8).",
                List.of(new RecordingTools()), turn(redis));

        UserMessage sent = (UserMessage) llm.requests.getFirst().messages().getLast();
        assertThat(sent.contents()).filteredOn(ImageContent.class::isInstance).singleElement()
                .satisfies(c -> assertThat(((ImageContent) c).detailLevel()).isEqualTo(ImageContent.DetailLevel.HIGH));
        List<ChatMessage> memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).getMessages(CONV);
        assertThat(memory).filteredOn(UserMessage.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((UserMessage) m).contents()).noneMatch(ImageContent.class::isInstance));
    }

    @Test
    void anUnreachableModelFallsBackToTheRulesWhichStillSeeTheAttachment(UnifiedJedis redis) {
        Unreachable llm = new Unreachable();
        RecordingTools tools = new RecordingTools();

        TurnAgent.Outcome outcome = agent(llm, redis, false).run(CONV, "use this as the character", 1, List.of(),
                "No picture yet.", List.of(tools), turn(redis));

        assertThat(outcome.fellBack()).isTrue();
        assertThat(outcome.ruleMode()).isFalse();
        assertThat(tools.calls).containsExactly("set_reference character attached");
        // Once fallen back, the turn stays with the rules: the model is not asked again after the tool ran.
        assertThat(llm.calls).isEqualTo(1);
    }

    @Test
    void withoutAnLlmTheRulesDecide(UnifiedJedis redis) {
        RecordingTools tools = new RecordingTools();

        TurnAgent.Outcome outcome = agent(null, redis, false).run(CONV, "make the sky blue", 0, List.of(),
                "No picture yet.", List.of(tools), turn(redis));

        assertThat(outcome.ruleMode()).isTrue();
        assertThat(outcome.fellBack()).isFalse();
        assertThat(tools.calls).containsExactly("edit_image make the sky blue");
    }
}

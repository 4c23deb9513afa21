package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleBasedChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    private final RuleBasedChatModel model = new RuleBasedChatModel();

    static Stream<Arguments> textMessages() {
        return Stream.of(
                Arguments.of("make it red with 30 steps, seed 4", "edit_image",
                        Map.of("instruction", "make it red", "steps", 30, "seed", 4)),
                Arguments.of("add sunglasses", "edit_image", Map.of("instruction", "add sunglasses")),
                Arguments.of("Add a hat, guidance 3.5", "edit_image", Map.of("instruction", "Add a hat", "guidance", 3.5)),
                Arguments.of("a red fox in the snow in 16:9", "generate_image",
                        Map.of("prompt", "a red fox in the snow", "aspect", "16:9")),
                Arguments.of("please undo that", "undo", Map.of()),
                Arguments.of("redo", "redo", Map.of()),
                Arguments.of("back to 2", "go_to_version", Map.of("version", "2")),
                Arguments.of("v3", "go_to_version", Map.of("version", "v3")),
                Arguments.of("go back to the first one", "go_to_version", Map.of("version", "original")),
                Arguments.of("show history", "show_history", Map.of()),
                Arguments.of("make it in the style of this", "set_reference", Map.of("kind", "style", "source", "current")),
                Arguments.of("clear the character", "clear_reference", Map.of("kind", "character")),
                Arguments.of("seed 42", "update_settings", Map.of("seed", 42)),
                Arguments.of("random seed", "update_settings", Map.of("seed", -1)),
                Arguments.of("steps 30, guidance 2.5, aspect 4:3", "update_settings",
                        Map.of("steps", 30, "guidance", 2.5, "aspect", "4:3")),
                Arguments.of("try again", "retry_with_new_seed", Map.of()),
                Arguments.of("stop", "cancel_job", Map.of()),
                Arguments.of("/new", "start_over", Map.of()),
                Arguments.of("forget me", "forget_conversation", Map.of()),
                Arguments.of("/help", "help", Map.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("textMessages")
    void answersATextMessageWithOneToolCall(String text, String tool, Map<String, Object> arguments) throws Exception {
        ChatResponse response = model.chat(ChatRequest.builder().messages(UserMessage.from(text)).build());

        ToolExecutionRequest request = onlyToolRequest(response);
        assertThat(request.name()).isEqualTo(tool);
        assertThat(ToolNames.ALL).contains(request.name());
        assertThat(JSON.readTree(request.arguments())).isEqualTo(JSON.valueToTree(arguments));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void referenceWithAnAttachedImageComesFromTheAttachment() throws Exception {
        UserMessage message = UserMessage.from(
                TextContent.from("use this as the character"), ImageContent.from(PNG_BASE64, "image/png"));

        ToolExecutionRequest request = onlyToolRequest(model.chat(ChatRequest.builder().messages(message).build()));

        assertThat(request.name()).isEqualTo("set_reference");
        JsonNode arguments = JSON.readTree(request.arguments());
        assertThat(arguments.get("kind").asText()).isEqualTo("character");
        assertThat(arguments.get("source").asText()).isEqualTo("attached");
    }

    @Test
    void imageWithoutWordsIsRemembered() throws Exception {
        UserMessage message = UserMessage.from(ImageContent.from(PNG_BASE64, "image/png"));

        ToolExecutionRequest request = onlyToolRequest(model.chat(ChatRequest.builder().messages(message).build()));

        assertThat(request.name()).isEqualTo("remember_image");
        assertThat(JSON.readTree(request.arguments()).size()).isZero();
    }

    @Test
    void imageWithAnInstructionIsAnEdit() throws Exception {
        UserMessage message = UserMessage.from(
                ImageContent.from(PNG_BASE64, "image/png"), TextContent.from("make her smile"));

        ToolExecutionRequest request = onlyToolRequest(model.chat(ChatRequest.builder().messages(message).build()));

        assertThat(request.name()).isEqualTo("edit_image");
        assertThat(JSON.readTree(request.arguments()).get("instruction").asText()).isEqualTo("make her smile");
    }

    @Test
    void toolResultEndsTheLoopWithItsText() {
        List<ChatMessage> history = new ArrayList<>();
        history.add(UserMessage.from("undo"));
        ChatResponse first = model.chat(ChatRequest.builder().messages(history).build());
        ToolExecutionRequest request = onlyToolRequest(first);
        history.add(first.aiMessage());
        history.add(ToolExecutionResultMessage.from(request, "Back to v2 (make the sky pink)."));

        ChatResponse second = model.chat(ChatRequest.builder().messages(history).build());

        assertThat(second.aiMessage().text()).isEqualTo("Back to v2 (make the sky pink).");
        assertThat(second.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void eachToolCallHasItsOwnId() {
        String first = onlyToolRequest(model.chat(ChatRequest.builder().messages(UserMessage.from("undo")).build())).id();
        String second = onlyToolRequest(model.chat(ChatRequest.builder().messages(UserMessage.from("undo")).build())).id();

        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    @Test
    void aSystemMessageLastIsATypedError() {
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("undo"), SystemMessage.from("You are a bot."))
                .build();

        assertThatThrownBy(() -> model.chat(request))
                .isInstanceOf(UnsupportedChatRequestException.class)
                .hasMessageContaining("user message or a tool result");
    }

    @Test
    void plainAiMessageLastIsATypedError() {
        ChatRequest request = ChatRequest.builder().messages(AiMessage.from("hello")).build();

        assertThatThrownBy(() -> model.chat(request)).isInstanceOf(UnsupportedChatRequestException.class);
    }

    private static ToolExecutionRequest onlyToolRequest(ChatResponse response) {
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
        return response.aiMessage().toolExecutionRequests().getFirst();
    }
}

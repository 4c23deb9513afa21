package dev.kontextbot.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent when no LLM is configured: a LangChain4j chat model that answers a user message with exactly one
 * tool call chosen by rules, and a tool result with its text, so the AiService loop runs the same tools in
 * both modes and ends after one call.
 */
public final class RuleBasedChatModel implements ChatModel {

    static final String MODEL_NAME = "kontextbot-rules";

    private final CommandParser parser;
    private final ToolCallPlanner planner;
    private final ObjectMapper json = new ObjectMapper();

    public RuleBasedChatModel(CommandParser parser, ToolCallPlanner planner) {
        this.parser = parser;
        this.planner = planner;
    }

    public RuleBasedChatModel() {
        this(new CommandParser(), new ToolCallPlanner());
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        if (messages.isEmpty()) {
            throw new UnsupportedChatRequestException("The rule-based agent got no message to answer.");
        }
        return switch (messages.getLast()) {
            case ToolExecutionResultMessage result -> response(AiMessage.from(result.text()), FinishReason.STOP);
            case UserMessage user -> response(AiMessage.from(toolRequest(plan(user))), FinishReason.TOOL_EXECUTION);
            case ChatMessage other -> throw new UnsupportedChatRequestException(
                    "The rule-based agent answers a user message or a tool result, not a " + other.type() + " message.");
        };
    }

    /** The tool call for a user message: its text decides, its images say where a reference comes from. */
    PlannedToolCall plan(UserMessage user) {
        String text = user.contents().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining(" "))
                .strip();
        boolean hasImages = user.contents().stream().anyMatch(ImageContent.class::isInstance);
        if (text.isEmpty() && hasImages) {
            return planner.imageOnly();
        }
        return planner.plan(parser.parse(text), hasImages);
    }

    private ToolExecutionRequest toolRequest(PlannedToolCall call) {
        return ToolExecutionRequest.builder()
                // Unique across processes: memory restored after a restart must never hold one id for two calls.
                .id("rules-" + java.util.UUID.randomUUID())
                .name(call.toolName())
                .arguments(arguments(call))
                .build();
    }

    private String arguments(PlannedToolCall call) {
        try {
            return json.writeValueAsString(call.arguments());
        } catch (JsonProcessingException e) {
            // Only strings and numbers go in, so this cannot happen short of a Jackson bug.
            throw new IllegalStateException("Could not write the arguments of " + call.toolName(), e);
        }
    }

    private static ChatResponse response(AiMessage message, FinishReason reason) {
        return ChatResponse.builder().aiMessage(message).finishReason(reason).modelName(MODEL_NAME).build();
    }
}

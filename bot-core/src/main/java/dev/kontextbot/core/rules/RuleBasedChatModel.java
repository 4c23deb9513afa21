package dev.kontextbot.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.core.rules.ParsedCommand.Settings;
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
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
            case UserMessage user -> response(AiMessage.from(toolRequest(plan(user, pending(messages)))),
                    FinishReason.TOOL_EXECUTION);
            case ChatMessage other -> throw new UnsupportedChatRequestException(
                    "The rule-based agent answers a user message or a tool result, not a " + other.type() + " message.");
        };
    }

    PlannedToolCall plan(UserMessage user) {
        return plan(user, Optional.empty());
    }

    /** The tool call for a user message: its text decides, its images say where a reference comes from. */
    PlannedToolCall plan(UserMessage user, Optional<PendingEdit> pending) {
        String text = user.contents().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining(" "))
                .strip();
        boolean hasImages = user.contents().stream().anyMatch(ImageContent.class::isInstance);
        if (text.isEmpty() && hasImages) {
            return planner.imageOnly();
        }
        return planner.plan(parser.parse(text, hasImages), hasImages, pending);
    }

    /**
     * The edit asked about in the turn before this message, if the bot's last act was that question: the memory
     * holds the {@code ask_before_editing} call and its result, which starts with the question when it asked.
     */
    private Optional<PendingEdit> pending(List<ChatMessage> messages) {
        boolean asked = false;
        for (int i = messages.size() - 2; i >= 0; i--) {
            switch (messages.get(i)) {
                case UserMessage u -> {
                    return Optional.empty();
                }
                case ToolExecutionResultMessage r -> asked = ToolNames.ASK_BEFORE_EDITING.equals(r.toolName())
                        && r.text() != null && r.text().startsWith(PendingEdit.QUESTION_PREFIX);
                case AiMessage ai when ai.hasToolExecutionRequests() -> {
                    ToolExecutionRequest last = ai.toolExecutionRequests().getLast();
                    return asked && last.name().equals(ToolNames.ASK_BEFORE_EDITING)
                            ? pendingOf(last.arguments()) : Optional.empty();
                }
                default -> {
                    // the answer's text: look further back
                }
            }
        }
        return Optional.empty();
    }

    private Optional<PendingEdit> pendingOf(String arguments) {
        try {
            JsonNode args = json.readTree(arguments);
            String instruction = args.path("instruction").asText("");
            if (instruction.isBlank()) {
                return Optional.empty();
            }
            Settings overrides = new Settings(
                    args.hasNonNull("steps") ? OptionalInt.of(args.get("steps").asInt()) : OptionalInt.empty(),
                    args.hasNonNull("guidance") ? OptionalDouble.of(args.get("guidance").asDouble()) : OptionalDouble.empty(),
                    args.hasNonNull("seed") ? OptionalLong.of(args.get("seed").asLong()) : OptionalLong.empty(),
                    Optional.empty());
            return Optional.of(new PendingEdit(instruction, overrides));
        } catch (JsonProcessingException e) {
            // Our own arguments from memory; a damaged entry means nothing is pending.
            return Optional.empty();
        }
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

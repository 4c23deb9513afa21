package dev.kontextbot.core.agent;

import dev.kontextbot.core.rules.ToolNames;
import dev.kontextbot.core.turn.TurnContext;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one turn through a LangChain4j AI service: the tools find this turn in the call's parameters, the memory (in Redis) to the
 * conversation. With no LLM configured the rule-based model answers; with one, it answers and the rules take over
 * when it is unreachable.
 */
public final class TurnAgent {

    private static final int MAX_TOOL_CALLS = 8;

    private final Optional<ChatModel> llm;
    private final ChatModel rules;
    private final ChatMemoryStore memory;
    private final int memoryMessages;
    private final String systemPrompt;
    private final boolean vision;
    private final LlmCircuitBreaker breaker;
    private final Duration turnTimeout;
    private final Clock clock;

    /** {@code turnTimeout} bounds the LLM calls of one turn together; {@code breaker} is shared by all turns. */
    public TurnAgent(Optional<ChatModel> llm, ChatModel rules, ChatMemoryStore memory, int memoryMessages,
                     String systemPrompt, boolean vision, LlmCircuitBreaker breaker, Duration turnTimeout,
                     Clock clock) {
        this.llm = llm;
        this.rules = rules;
        this.memory = memory;
        this.memoryMessages = memoryMessages;
        this.systemPrompt = systemPrompt;
        this.vision = vision;
        this.breaker = breaker;
        this.turnTimeout = turnTimeout;
        this.clock = clock;
    }

    /** What the agent said, and whether this turn fell back from the LLM to the rules. */
    public record Outcome(String text, boolean ruleMode, boolean fellBack) {
    }

    public boolean ruleMode() {
        return llm.isEmpty();
    }

    /**
     * @param situation   one line on the conversation's state for the LLM ("current picture: v3, 1184x880")
     * @param visionPngs  pictures the LLM may look at (ignored unless vision is on)
     * @param tools       the tool objects, built once; each call finds {@code turn} in its invocation parameters
     * @param turn        this turn (its memory is dropped at the end when a tool forgot the conversation)
     */
    public Outcome run(String conversation, String text, int attachments, List<byte[]> visionPngs, String situation,
                       List<Object> tools, TurnContext turn) {
        String typed = text == null || text.isBlank() ? TurnImages.PICTURE_ONLY : text;
        TurnImages markers = new TurnImages(typed, attachments, List.of(), true);
        ChatModel model;
        FallbackChatModel fallback = null;
        TurnImages transform;
        if (llm.isEmpty()) {
            model = rules;
            transform = markers;
        } else {
            fallback = new FallbackChatModel(llm.get(), rules, ToolNames.ALL, markers, breaker, clock,
                    clock.instant().plus(turnTimeout));
            model = fallback;
            transform = new TurnImages(typed, attachments, vision ? visionPngs : List.of(), false);
        }
        TurnMemory turnMemory = new TurnMemory(memory);
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(memoryMessages)
                        .chatMemoryStore(turnMemory).alwaysKeepSystemMessageFirst(true).build())
                // The rules never read a system prompt; an LLM gets the prompt and the conversation's state.
                .systemMessageProvider(id -> llm.isEmpty() ? null : systemPrompt + "\n\n" + situation)
                .chatRequestTransformer(transform)
                .tools(tools)
                .maxSequentialToolsInvocations(MAX_TOOL_CALLS)
                // A model that sends a malformed argument hears what was wrong and may try again.
                .toolArgumentsErrorHandler((error, context) -> ToolErrorHandlerResult.text(
                        "Invalid arguments for " + context.toolExecutionRequest().name() + ": " + error.getMessage()))
                .build();
        String answer;
        try {
            answer = assistant.chat(conversation, typed, turn.asParameters());
        } finally {
            turnMemory.flush(turn.forgotten());
        }
        return new Outcome(answer == null ? "" : answer, llm.isEmpty(), fallback != null && fallback.fellBack());
    }
}

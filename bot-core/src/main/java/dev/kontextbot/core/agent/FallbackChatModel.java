package dev.kontextbot.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn's model: the configured LLM, and the rule-based model when the LLM is unreachable or answers with a tool
 * that does not exist. Made per turn, so {@link #fellBack()} tells the turn whether to say so.
 */
public final class FallbackChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(FallbackChatModel.class);

    private final ChatModel primary;
    private final ChatModel rules;
    private final Set<String> toolNames;
    private final UnaryOperator<ChatRequest> forRules;
    private boolean fellBack;

    /** {@code forRules} rewrites a request for the rule-based model (it reads pictures from marker images). */
    public FallbackChatModel(ChatModel primary, ChatModel rules, Set<String> toolNames,
                             UnaryOperator<ChatRequest> forRules) {
        this.primary = primary;
        this.rules = rules;
        this.toolNames = Set.copyOf(toolNames);
        this.forRules = forRules;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        if (fellBack) {
            return rules.chat(forRules.apply(request));
        }
        try {
            ChatResponse response = primary.chat(request);
            if (usable(response)) {
                return response;
            }
            log.warn("The language model answered with an unknown tool; using the built-in rules for this turn");
        } catch (RuntimeException e) {
            log.warn("The language model is unreachable ({}); using the built-in rules for this turn",
                    e.getClass().getSimpleName());
        }
        fellBack = true;
        return rules.chat(forRules.apply(request));
    }

    private boolean usable(ChatResponse response) {
        if (response == null || response.aiMessage() == null) {
            return false;
        }
        if (!response.aiMessage().hasToolExecutionRequests()) {
            String text = response.aiMessage().text();
            return text != null && !text.isBlank();
        }
        for (ToolExecutionRequest call : response.aiMessage().toolExecutionRequests()) {
            if (!toolNames.contains(call.name())) {
                return false;
            }
        }
        return true;
    }

    public boolean fellBack() {
        return fellBack;
    }
}

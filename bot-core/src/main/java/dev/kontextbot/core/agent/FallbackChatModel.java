package dev.kontextbot.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn's model: the configured LLM, and the rule-based model when the LLM is unreachable, answers with a tool
 * that does not exist, is held off by the {@link LlmCircuitBreaker}, or the turn has reached its deadline (a turn may
 * call the LLM up to nine times; each call gets only what is left of the turn's time). Made per turn, so
 * {@link #fellBack()} tells the turn whether to say so.
 */
public final class FallbackChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(FallbackChatModel.class);

    private final ChatModel primary;
    private final ChatModel rules;
    private final Set<String> toolNames;
    private final UnaryOperator<ChatRequest> forRules;
    private final LlmCircuitBreaker breaker;
    private final Clock clock;
    private final Instant deadline;
    private boolean fellBack;

    /**
     * {@code forRules} rewrites a request for the rule-based model (it reads pictures from marker images);
     * {@code deadline} is when the whole turn must be answered.
     */
    public FallbackChatModel(ChatModel primary, ChatModel rules, Set<String> toolNames,
                             UnaryOperator<ChatRequest> forRules, LlmCircuitBreaker breaker, Clock clock,
                             Instant deadline) {
        this.primary = primary;
        this.rules = rules;
        this.toolNames = Set.copyOf(toolNames);
        this.forRules = forRules;
        this.breaker = breaker;
        this.clock = clock;
        this.deadline = deadline;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        if (fellBack || !breaker.allowCall()) {
            fellBack = true;
            return rules.chat(forRules.apply(request));
        }
        Duration left = Duration.between(clock.instant(), deadline);
        try {
            if (left.isNegative() || left.isZero()) {
                throw new TimeoutException("the turn's deadline has passed");
            }
            ChatResponse response = within(left, request);
            breaker.succeeded();
            if (usable(response)) {
                return response;
            }
            log.warn("The language model answered with an unknown tool; using the built-in rules for this turn");
        } catch (TimeoutException e) {
            log.warn("The turn reached its deadline waiting for the language model; the built-in rules finish it");
            breaker.failed(e);
        } catch (RuntimeException e) {
            breaker.failed(e);
        }
        fellBack = true;
        return rules.chat(forRules.apply(request));
    }

    /** Calls the LLM on a virtual thread and stops waiting (interrupting the call) when the turn's time is up. */
    private ChatResponse within(Duration left, ChatRequest request) throws TimeoutException {
        FutureTask<ChatResponse> call = new FutureTask<>(() -> primary.chat(request));
        Thread.ofVirtual().name("llm-call").start(call);
        try {
            return call.get(left.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the language model", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
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

package dev.kontextbot.core.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Builds the chat model for the configured provider. */
public final class ChatModels {

    private ChatModels() {
    }

    /** The configured LLM, or {@code rules} when none is configured. */
    public static ChatModel create(LlmOptions options, ChatModel rules) {
        return switch (options.provider()) {
            case NONE -> rules;
            case OPENAI -> OpenAiChatModel.builder()
                    .baseUrl(options.baseUrl().orElse("http://127.0.0.1:8000/v1"))
                    .apiKey(options.apiKey().orElse("not-needed"))
                    .modelName(options.model().orElseThrow(
                            () -> new IllegalArgumentException("LLM_MODEL is required with LLM_PROVIDER=openai")))
                    .timeout(options.timeout())
                    .maxRetries(0)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .baseUrl(options.baseUrl().orElse("http://127.0.0.1:11434"))
                    .modelName(options.model().orElseThrow(
                            () -> new IllegalArgumentException("LLM_MODEL is required with LLM_PROVIDER=ollama")))
                    .timeout(options.timeout())
                    .maxRetries(0)
                    .build();
        };
    }
}

package dev.kontextbot.core;

import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.prompts.KontextPromptRules;

/**
 * Settings of the bot core. {@code standIn} says the configured model is the stand-in, so every caption says so;
 * {@code maxUploadBytes} bounds what the bot downloads from a chat; {@code maxEditsPerMessage} caps the parts of
 * one compound request ("add a hat, then ...").
 */
public record BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                             String modelName, int maxEditsPerMessage) {

    public BotCoreOptions {
        if (maxEditsPerMessage < 1) {
            throw new IllegalArgumentException("maxEditsPerMessage must be at least 1");
        }
    }

    public BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                          String modelName) {
        this(keyPolicy, llm, maxUploadBytes, standIn, modelName, KontextPromptRules.DEFAULT_MAX_EDITS);
    }

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    public static BotCoreOptions defaults(boolean standIn) {
        return new BotCoreOptions(ConversationKeyPolicy.defaultPolicy(), LlmOptions.none(), DEFAULT_MAX_UPLOAD_BYTES,
                standIn, standIn ? "stand-in (not FLUX.1 Kontext)" : "FLUX.1 Kontext [dev]");
    }
}

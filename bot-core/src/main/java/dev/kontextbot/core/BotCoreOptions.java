package dev.kontextbot.core;

import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.core.service.KeepUntouched;

/**
 * Settings of the bot core. {@code standIn} says the configured model is the stand-in, so every caption says so;
 * {@code maxUploadBytes} bounds what the bot downloads from a chat.
 */
public record BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                             String modelName, KeepUntouched keepUntouched) {

    /** With KONTEXT_KEEP_UNTOUCHED at its default, auto. */
    public BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                          String modelName) {
        this(keyPolicy, llm, maxUploadBytes, standIn, modelName, KeepUntouched.AUTO);
    }

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    public static BotCoreOptions defaults(boolean standIn) {
        return new BotCoreOptions(ConversationKeyPolicy.defaultPolicy(), LlmOptions.none(), DEFAULT_MAX_UPLOAD_BYTES,
                standIn, standIn ? "stand-in (not FLUX.1 Kontext)" : "FLUX.1 Kontext [dev]");
    }
}

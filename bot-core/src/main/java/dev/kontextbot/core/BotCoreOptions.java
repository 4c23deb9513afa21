package dev.kontextbot.core;

import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.core.region.KeepUntouched;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.prompts.KontextPromptRules;

/**
 * Settings of the bot core. {@code standIn} says the configured model is the stand-in, so every caption says so;
 * {@code maxUploadBytes} bounds what the bot downloads from a chat; {@code maxWaitingTurns} how many messages of
 * one conversation may wait behind the one being answered; {@code memoryBytes} the agent's chat memory per
 * conversation; {@code maxEditsPerMessage} caps the parts of one compound request ("add a hat, then ...");
 * {@code keepUntouched} when pixels an edit did not change are restored from the parent; {@code family} the model
 * family the workers run (its defaults, whether it takes guidance, its licence).
 */
public record BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                             String modelName, int maxWaitingTurns, int memoryBytes, int maxEditsPerMessage,
                             KeepUntouched keepUntouched, ModelFamily family) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_MAX_WAITING_TURNS = 5;
    public static final int DEFAULT_MEMORY_BYTES = 64 * 1024;

    public BotCoreOptions {
        if (maxWaitingTurns < 1 || memoryBytes < 1024) {
            throw new IllegalArgumentException("At least one waiting turn and 1 KB of chat memory are needed");
        }
        if (maxEditsPerMessage < 1) {
            throw new IllegalArgumentException("maxEditsPerMessage must be at least 1");
        }
    }

    /** For FLUX.1 Kontext [dev]. */
    public BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                          String modelName, int maxWaitingTurns, int memoryBytes, int maxEditsPerMessage,
                          KeepUntouched keepUntouched) {
        this(keyPolicy, llm, maxUploadBytes, standIn, modelName, maxWaitingTurns, memoryBytes, maxEditsPerMessage,
                keepUntouched, ModelFamily.KONTEXT);
    }

    /** The same options for another model family (its name follows the family). */
    public BotCoreOptions withFamily(ModelFamily other) {
        return new BotCoreOptions(keyPolicy, llm, maxUploadBytes, standIn, modelName(standIn, other), maxWaitingTurns,
                memoryBytes, maxEditsPerMessage, keepUntouched, other);
    }

    /** "FLUX.2 [klein] 4B", or "stand-in (not FLUX.2 [klein] 4B)". */
    public static String modelName(boolean standIn, ModelFamily family) {
        return standIn ? "stand-in (not " + family.displayName() + ")" : family.displayName();
    }

    /** With KONTEXT_KEEP_UNTOUCHED at its default, auto. */
    public BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                          String modelName, int maxWaitingTurns, int memoryBytes, int maxEditsPerMessage) {
        this(keyPolicy, llm, maxUploadBytes, standIn, modelName, maxWaitingTurns, memoryBytes, maxEditsPerMessage,
                KeepUntouched.AUTO);
    }

    public BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                          String modelName, int maxWaitingTurns, int memoryBytes) {
        this(keyPolicy, llm, maxUploadBytes, standIn, modelName, maxWaitingTurns, memoryBytes,
                KontextPromptRules.DEFAULT_MAX_EDITS);
    }

    public BotCoreOptions(ConversationKeyPolicy keyPolicy, LlmOptions llm, long maxUploadBytes, boolean standIn,
                          String modelName) {
        this(keyPolicy, llm, maxUploadBytes, standIn, modelName, DEFAULT_MAX_WAITING_TURNS, DEFAULT_MEMORY_BYTES);
    }

    public static BotCoreOptions defaults(boolean standIn) {
        return new BotCoreOptions(ConversationKeyPolicy.defaultPolicy(), LlmOptions.none(), DEFAULT_MAX_UPLOAD_BYTES,
                standIn, modelName(standIn, ModelFamily.KONTEXT));
    }
}

package dev.kontextbot.core.agent;

import java.time.Duration;
import java.util.Optional;

/**
 * Which language model decides the turns. {@link Provider#NONE} (the default) is the built-in rule-based mode.
 * {@code vision} sends the current image to the model (high detail) so it can write better instructions.
 */
public record LlmOptions(Provider provider, Optional<String> baseUrl, Optional<String> model,
                         Optional<String> apiKey, Duration timeout, boolean vision) {

    public enum Provider { NONE, OPENAI, OLLAMA }

    public static LlmOptions none() {
        return new LlmOptions(Provider.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(60), false);
    }

    @Override
    public String toString() {
        // Never print the key.
        return "LlmOptions[" + provider + ", " + baseUrl.orElse("-") + ", " + model.orElse("-") + "]";
    }
}

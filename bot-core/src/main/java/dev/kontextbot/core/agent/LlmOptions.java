package dev.kontextbot.core.agent;

import java.time.Duration;
import java.util.Optional;

/**
 * Which language model decides the turns. {@link Provider#NONE} (the default) is the built-in rule-based mode.
 * {@code vision} sends the current image to the model (high detail) so it can write better instructions.
 * {@code timeout} bounds one call, {@code turnTimeout} all calls of one turn together (the rules finish a turn that
 * runs out of time), and {@code breakerOpenFor} is how long the rules answer alone once the model keeps failing.
 */
public record LlmOptions(Provider provider, Optional<String> baseUrl, Optional<String> model,
                         Optional<String> apiKey, Duration timeout, boolean vision, Duration turnTimeout,
                         Duration breakerOpenFor) {

    public enum Provider { NONE, OPENAI, OLLAMA }

    public static final Duration DEFAULT_TURN_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(60);

    public LlmOptions {
        if (turnTimeout.isNegative() || turnTimeout.isZero() || breakerOpenFor.isNegative()) {
            throw new IllegalArgumentException("The turn deadline must be positive and the breaker pause not negative");
        }
    }

    public LlmOptions(Provider provider, Optional<String> baseUrl, Optional<String> model, Optional<String> apiKey,
                      Duration timeout, boolean vision) {
        this(provider, baseUrl, model, apiKey, timeout, vision, DEFAULT_TURN_TIMEOUT, DEFAULT_BREAKER_OPEN_FOR);
    }

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

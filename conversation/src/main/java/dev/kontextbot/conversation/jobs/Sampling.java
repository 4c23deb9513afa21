package dev.kontextbot.conversation.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * How the model samples: the first seed (variations use the next ones), denoising steps per step of the recipe, the
 * guidance scale and, when the job asks for one, the size of the result ({@code size} null: the model's own size).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sampling(long seed, int steps, double guidance, OutputSize size) {

    public static final int MAX_STEPS = 200;

    public Sampling {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new InvalidJobException("Steps must be between 1 and " + MAX_STEPS + ", not " + steps);
        }
    }

    /** Sampling at the model's own size. */
    public static Sampling of(long seed, int steps, double guidance) {
        return new Sampling(seed, steps, guidance, null);
    }

    public Optional<OutputSize> outputSize() {
        return Optional.ofNullable(size);
    }
}

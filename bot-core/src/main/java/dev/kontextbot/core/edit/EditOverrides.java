package dev.kontextbot.core.edit;

import java.util.Optional;

/** Per-message parameters ("with 30 steps, seed 4") that override the conversation's settings for one job. */
public record EditOverrides(Optional<Integer> steps, Optional<Double> guidance, Optional<Long> seed,
                            Optional<String> aspect) {

    public static EditOverrides none() {
        return new EditOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static EditOverrides of(Integer steps, Double guidance, Long seed, String aspect) {
        return new EditOverrides(Optional.ofNullable(steps), Optional.ofNullable(guidance),
                Optional.ofNullable(seed).filter(s -> s >= 0), Optional.ofNullable(aspect).filter(a -> !a.isBlank()));
    }
}

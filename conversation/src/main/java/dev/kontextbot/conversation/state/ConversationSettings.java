package dev.kontextbot.conversation.state;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Per-conversation generation settings.
 *
 * @param seed   a fixed seed, or empty for a new random seed each edit
 * @param aspect {@code auto} (keep the input's aspect) or {@code W:H} such as {@code 16:9}
 */
public record ConversationSettings(int steps, double guidance, OptionalLong seed, String aspect) {

    public static final int DEFAULT_STEPS = 28;
    public static final double DEFAULT_GUIDANCE = 2.5;
    public static final String AUTO_ASPECT = "auto";
    private static final Pattern ASPECT = Pattern.compile("auto|[1-9]\\d{0,2}:[1-9]\\d{0,2}");

    public ConversationSettings {
        if (steps < 1 || steps > 100) {
            throw new IllegalArgumentException("Steps must be between 1 and 100");
        }
        if (!(guidance >= 0 && guidance <= 20)) {
            throw new IllegalArgumentException("Guidance must be between 0 and 20");
        }
        if (seed == null) {
            seed = OptionalLong.empty();
        }
        if (aspect == null || !ASPECT.matcher(aspect).matches()) {
            throw new IllegalArgumentException("Aspect must be auto or a ratio like 16:9");
        }
    }

    public static ConversationSettings defaults() {
        return new ConversationSettings(DEFAULT_STEPS, DEFAULT_GUIDANCE, OptionalLong.empty(), AUTO_ASPECT);
    }

    public ConversationSettings withSteps(int value) {
        return new ConversationSettings(value, guidance, seed, aspect);
    }

    public ConversationSettings withGuidance(double value) {
        return new ConversationSettings(steps, value, seed, aspect);
    }

    public ConversationSettings withSeed(long value) {
        return new ConversationSettings(steps, guidance, OptionalLong.of(value), aspect);
    }

    public ConversationSettings withRandomSeed() {
        return new ConversationSettings(steps, guidance, OptionalLong.empty(), aspect);
    }

    public ConversationSettings withAspect(String value) {
        return new ConversationSettings(steps, guidance, seed, value);
    }
}

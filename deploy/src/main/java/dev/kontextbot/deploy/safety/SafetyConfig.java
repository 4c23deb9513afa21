package dev.kontextbot.deploy.safety;

import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The SAFETY_* settings, read once. */
public record SafetyConfig(boolean on, Optional<Path> modelDir, Set<String> labels, double threshold,
                           Optional<Path> termsDir, boolean llmModerator, Duration llmTimeout, boolean failClosed,
                           SafetyOptions options) {

    public static SafetyConfig from(KontextConfig config) {
        return new SafetyConfig(
                "on".equals(config.value(Setting.SAFETY_MODE)),
                config.optional(Setting.SAFETY_MODEL_DIR).map(Path::of),
                Arrays.stream(config.value(Setting.SAFETY_LABELS).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                Double.parseDouble(config.value(Setting.SAFETY_THRESHOLD).strip()),
                config.optional(Setting.SAFETY_TERMS_DIR).map(Path::of),
                "true".equals(config.value(Setting.SAFETY_LLM_MODERATOR)),
                Duration.ofSeconds(config.integer(Setting.SAFETY_LLM_TIMEOUT_SECONDS)),
                "closed".equals(config.value(Setting.SAFETY_LLM_FAIL)),
                new SafetyOptions("relaxed".equals(config.value(Setting.SAFETY_DM_POLICY)),
                        "blur".equals(config.value(Setting.SAFETY_FLAGGED_RESULTS)),
                        Duration.ofDays(config.integer(Setting.SAFETY_REVIEW_DAYS))));
    }

    /** Chat platforms are on and screening is on, but no classifier is installed: the operator must hear it. */
    public boolean missingClassifier(KontextConfig config) {
        return on && modelDir.isEmpty() && (config.telegramBotToken().isPresent() || config.discordToken().isPresent());
    }
}

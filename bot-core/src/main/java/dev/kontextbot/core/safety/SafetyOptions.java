package dev.kontextbot.core.safety;

import java.time.Duration;

/**
 * How screening treats places and flagged results. {@code dmRelaxed}: direct messages follow the operator's
 * default (strict unless SAFETY_DM_POLICY=relaxed); {@code blurFlaggedResults}: a flagged result is delivered
 * blurred instead of withheld (the original is held for review either way).
 */
public record SafetyOptions(boolean dmRelaxed, boolean blurFlaggedResults, Duration reviewRetention) {

    public static SafetyOptions defaults() {
        return new SafetyOptions(false, false, Duration.ofDays(30));
    }
}

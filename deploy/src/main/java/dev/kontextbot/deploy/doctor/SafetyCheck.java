package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.safety.SafetyConfig;
import dev.kontextbot.deploy.safety.SafetyNotice;
import dev.kontextbot.deploy.safety.SafetyWiring;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.safety.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Screening: the classifier loads and has the blocking labels, the term lists load, and a public bot (Telegram or
 * Discord on) does not run without a classifier unless the operator turned screening off on purpose.
 */
final class SafetyCheck implements Check {

    private final KontextConfig config;

    SafetyCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        SafetyConfig safety = SafetyConfig.from(config);
        if (!safety.on()) {
            return List.of(CheckResult.warn("safety", "off (SAFETY_MODE=off): nothing is screened; FLUX.1 [dev]'s"
                    + " license asks for filters or manual review when others use the bot"));
        }
        List<CheckResult> lines = new ArrayList<>();
        lines.add(CheckResult.ok("review", config.playgroundAdminToken().isPresent()
                ? "the web's review page and /api/review answer to PLAYGROUND_ADMIN_TOKEN only"
                : "off on the web (PLAYGROUND_ADMIN_TOKEN unset); Telegram and Discord admins review in chat"));
        if (safety.modelDir().isPresent()) {
            try (ImageClassifier classifier = ImageClassifier.open(safety.modelDir().get())) {
                List<String> labels = classifier.config().labels();
                List<String> unknown = safety.labels().stream()
                        .filter(l -> !labels.contains(l.toLowerCase(Locale.ROOT))).toList();
                lines.add(unknown.isEmpty()
                        ? CheckResult.ok("safety", "classifier " + safety.modelDir().get() + " (labels " + labels
                                + "): blocks " + safety.labels() + " at " + safety.threshold())
                        : CheckResult.fail("safety", "SAFETY_LABELS names " + unknown + ", which the classifier in "
                                + safety.modelDir().get() + " does not have; its labels are " + labels));
            } catch (InferenceException e) {
                lines.add(CheckResult.fail("safety", e.getMessage()));
            }
        } else if (safety.missingClassifier(config)) {
            lines.add(CheckResult.fail("safety", SafetyNotice.NO_CLASSIFIER));
        } else {
            lines.add(CheckResult.warn("safety", "no picture classifier (SAFETY_MODEL_DIR unset); fine while only"
                    + " the local playground is on, required before Telegram or Discord"));
        }
        try {
            int terms = SafetyWiring.termLists(safety.termsDir()).size();
            lines.add(CheckResult.ok("terms", terms + " terms " + safety.termsDir().map(d -> "from " + d)
                    .orElse("(built-in lists)") + (safety.llmModerator() ? "; the LLM moderates requests too" : "")));
        } catch (RuntimeException e) {
            lines.add(CheckResult.fail("terms", e.getMessage()));
        }
        return lines;
    }
}

package dev.kontextbot.core.safety;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.safety.ImageClassifier;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's image classifier: a picture is flagged when any blocking label scores at or above the threshold
 * (Black Forest Labs' reference filter blocks at 0.85). A classifier that fails to run flags the picture: a
 * screen that cannot look must not let pictures through.
 */
public final class ClassifierScreen implements PictureScreen {

    private final ImageClassifier classifier;
    private final Set<String> blocking;
    private final double threshold;

    public ClassifierScreen(ImageClassifier classifier, Set<String> blockingLabels, double threshold) {
        this.classifier = classifier;
        this.blocking = blockingLabels.stream().map(l -> l.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.threshold = threshold;
        Set<String> unknown = blocking.stream().filter(l -> !classifier.config().labels().contains(l))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("SAFETY_LABELS names " + unknown + ", which the classifier does not"
                    + " have; its labels are " + classifier.config().labels() + ".");
        }
    }

    @Override
    public ScreenVerdict screen(BufferedImage picture) {
        Map<String, Double> scores;
        try {
            scores = classifier.classify(picture);
        } catch (InferenceException e) {
            return new ScreenVerdict(true, "classifier failed: " + e.getMessage(), Map.of());
        }
        String hits = scores.entrySet().stream()
                .filter(e -> blocking.contains(e.getKey()) && e.getValue() >= threshold)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return new ScreenVerdict(!hits.isEmpty(), hits, scores);
    }
}

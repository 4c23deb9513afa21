package dev.kontextbot.core.safety;

import java.util.Map;

/**
 * What a screen made of a picture or a text: flagged or not, a short reason for admins ("nsfw 0.97",
 * "term list en: ..."), and the scores per label (empty for text). Never shown to the user.
 */
public record ScreenVerdict(boolean flagged, String reason, Map<String, Double> scores) {

    public ScreenVerdict {
        scores = Map.copyOf(scores);
    }

    public static ScreenVerdict pass() {
        return new ScreenVerdict(false, "", Map.of());
    }
}

package dev.kontextbot.core.safety;

import java.util.Map;

/**
 * What a screen made of a picture or a text: flagged or not, a short reason for admins ("nsfw 0.97",
 * "term list en: ..."), and the scores per label (empty for text). Never shown to the user.
 */
public record ScreenVerdict(boolean flagged, String reason, Map<String, Double> scores) {

    /** The start of the reason when a screen could not look and failed closed (nothing was found). */
    public static final String NOT_CHECKED = "not checked";

    public ScreenVerdict {
        scores = Map.copyOf(scores);
    }

    /** Flagged because the screen could not look, not because of what it saw. */
    public boolean unchecked() {
        return flagged && reason.startsWith(NOT_CHECKED);
    }

    public static ScreenVerdict pass() {
        return new ScreenVerdict(false, "", Map.of());
    }
}

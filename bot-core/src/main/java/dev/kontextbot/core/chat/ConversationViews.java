package dev.kontextbot.core.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read and navigate a conversation directly, for rich clients such as the web playground (a chat platform only
 * needs {@link KontextBot}). Every call is scoped to the conversation of {@code origin}; a version id from another
 * conversation is refused with {@link ConversationViewException}.
 */
public interface ConversationViews {

    /** All versions of the conversation, oldest first, as a tree (parent ids), with the current one marked. */
    List<VersionView> history(ChatOrigin origin) throws ConversationViewException;

    /** The lossless PNG of a version, or a thumbnail (longest side {@code 256}) when {@code thumbnail}. */
    Optional<byte[]> image(ChatOrigin origin, String versionId, boolean thumbnail) throws ConversationViewException;

    /** Makes a version current (the next edit branches from it) and returns it as an image reply. */
    Reply goTo(ChatOrigin origin, String versionId);

    SettingsView settings(ChatOrigin origin) throws ConversationViewException;

    /** Applies the present fields of {@code changes}; {@code seed} of -1 means a random seed per edit. */
    SettingsView updateSettings(ChatOrigin origin, SettingsUpdate changes) throws ConversationViewException;

    List<ReferenceView> references(ChatOrigin origin) throws ConversationViewException;

    /** @param drift the version's drift against the root of its tree, when it was measured */
    record VersionView(String id, int number, Optional<String> parentId, String instructionTyped,
                       String instructionSent, long seed, int width, int height, Instant createdAt,
                       boolean current, boolean onCurrentPath, Optional<DriftView> drift) {
    }

    /**
     * How far a version drifted from the root of its tree, for a small gauge.
     *
     * @param parts   one per measure (colour, detail, and any the drift record adds, such as faces), in order
     * @param summary the same in one line, as {@code history} shows it
     * @param hint    what to say about it, when a measure is past the threshold {@code history} hints at
     */
    record DriftView(List<DriftPart> parts, String summary, Optional<String> hint) {
        public DriftView {
            parts = List.copyOf(parts);
        }

        public boolean past() {
            return parts.stream().anyMatch(DriftPart::past);
        }
    }

    /**
     * @param key   what is measured: "colour", "detail", ...
     * @param label its short name for a gauge
     * @param value the figure as shown ("3.2", "-12%")
     * @param level the figure against its threshold: 0 none, 1 at the threshold, more past it
     * @param past  whether it is past the threshold (the hint is offered)
     * @param words the figure in plain words, for a tooltip
     */
    record DriftPart(String key, String label, String value, double level, boolean past, String words) {
    }

    /** {@code guidance} is empty for a model family that takes none (klein). */
    record SettingsView(int steps, java.util.OptionalDouble guidance, OptionalLong seed, Optional<String> aspect) {
    }

    record SettingsUpdate(Optional<Integer> steps, Optional<Double> guidance, Optional<Long> seed,
                          Optional<String> aspect) {
    }

    record ReferenceView(String kind, String name, String versionOrBlobId) {
    }

    /** A plain-words failure of a view call (not found, not in this conversation, storage unavailable). */
    final class ConversationViewException extends Exception {
        private final String code;

        public ConversationViewException(String code, String plainMessage) {
            super(plainMessage);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}

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

    record VersionView(String id, int number, Optional<String> parentId, String instructionTyped,
                       String instructionSent, long seed, int width, int height, Instant createdAt,
                       boolean current, boolean onCurrentPath) {
    }

    record SettingsView(int steps, double guidance, OptionalLong seed, Optional<String> aspect) {
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

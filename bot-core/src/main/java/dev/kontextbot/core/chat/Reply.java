package dev.kontextbot.core.chat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the bot says, platform-neutral. Adapters render each kind in their own way. */
public sealed interface Reply {

    /** Plain text, with buttons where it asks a question ("Edit the picture: 'a red car'?" Yes / No). */
    record Text(String text, List<ReplyAction> actions) implements Reply {
        public Text {
            actions = List.copyOf(actions);
        }

        public Text(String text) {
            this(text, List.of());
        }
    }

    /**
     * An image: a result, or the version that is now current after undo, redo or go-to. {@code png} is the lossless
     * original; adapters may send a smaller encoding and offer the original behind {@link ActionKind#FULL_SIZE}.
     */
    record Image(String versionId, Optional<String> parentVersionId, int versionNumber, byte[] png, int width,
                 int height, String caption, List<ReplyAction> actions, boolean standIn,
                 Optional<String> jobId) implements Reply {
        public Image {
            actions = List.copyOf(actions);
        }
    }

    /**
     * A "vary" job's results shown together: the variations in the order they were made (numbered 1..N, N from 2 to
     * 4), one grid picture of all of them (2 side by side, 3 or 4 as 2x2, each tile labelled with its number; see
     * {@code VariationGrid}), a caption that says which is current and how to pick, and one "Pick N" button per
     * variation. Adapters show the grid (Discord, playground) or the pictures as an album (Telegram) with the
     * buttons; a pick is the same as typing "pick N".
     */
    record Variations(List<Variation> variations, byte[] gridPng, int gridWidth, int gridHeight, String caption,
                      boolean standIn, Optional<String> jobId) implements Reply {
        public static final int MIN = 2;
        public static final int MAX = 4;

        public Variations {
            variations = List.copyOf(variations);
            if (variations.size() < MIN || variations.size() > MAX) {
                throw new IllegalArgumentException("a set of variations has 2 to 4 pictures, got " + variations.size());
            }
        }

        /** The pick buttons, in the order of the variations. */
        public List<ReplyAction> picks() {
            return variations.stream().map(Variation::pick).toList();
        }

        /**
         * One variation: its version, its lossless PNG and size, its place in the set (1-based) and its pick button.
         */
        public record Variation(int number, String versionId, int versionNumber, byte[] png, int width, int height,
                                ReplyAction pick) {
        }
    }

    /** A job was accepted: how many jobs are ahead and a rough wait. */
    record Queued(String jobId, int ahead, Duration eta) implements Reply {
    }

    /** A running job's progress; {@code previewPng} is a small blurry preview on some steps. */
    record Progress(String jobId, int step, int steps, Duration remaining,
                    Optional<byte[]> previewPng) implements Reply {
    }

    /**
     * A file to send as it is, never recompressed: the lossless original behind "Full size" / "Original".
     * Adapters send it as a document where the platform would otherwise recompress a photo.
     */
    record File(String fileName, String mimeType, byte[] bytes, String caption,
                Optional<String> versionId) implements Reply {
    }

    /** Something went wrong; {@code code} is stable (for logs and tests), {@code message} is plain words. */
    record Error(String code, String message, Optional<String> jobId) implements Reply {
        public Error(String code, String message) {
            this(code, message, Optional.empty());
        }
    }
}

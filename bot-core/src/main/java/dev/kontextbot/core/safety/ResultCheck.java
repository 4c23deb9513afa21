package dev.kontextbot.core.safety;

import java.awt.image.BufferedImage;

/** What happens to a finished picture after screening. */
public sealed interface ResultCheck {

    /** Not flagged (or screened off here): store and deliver it as made. */
    record Deliver() implements ResultCheck {
    }

    /** Flagged: kept out of the tree and held on the review list as {@code reviewId}. */
    record Hold(String reviewId) implements ResultCheck {
    }

    /** Flagged, and the operator chose blurring: deliver {@code blurred}; the original is held as {@code reviewId}. */
    record Blurred(String reviewId, BufferedImage blurred) implements ResultCheck {
    }
}

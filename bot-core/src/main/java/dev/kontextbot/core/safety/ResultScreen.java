package dev.kontextbot.core.safety;

import dev.kontextbot.conversation.review.VersionAwaitingReview;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/** The worker's screen of a finished picture, before it is stored in the tree. */
@FunctionalInterface
public interface ResultScreen {

    /** @param png the picture as it would be stored (encoded only when it is held) */
    ResultCheck check(VersionAwaitingReview result, BufferedImage picture, Supplier<byte[]> png);

    static ResultScreen none() {
        return (result, picture, png) -> new ResultCheck.Deliver();
    }
}

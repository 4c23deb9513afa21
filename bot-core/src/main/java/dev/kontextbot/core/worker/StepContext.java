package dev.kontextbot.core.worker;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * What one run edits: the picture (decoded when a run needs its pixels), its latents [1,C,h/f,w/f] (when they can be
 * fed to the transformer as they are) and its size.
 */
record StepContext(Optional<BufferedImage> image, Optional<float[]> latents, int width, int height) {

    /** A stored result as the next step of a compound edit sees it. */
    static StepContext of(StepResult result) {
        return new StepContext(Optional.of(result.image()), Optional.ofNullable(result.latents()),
                result.image().getWidth(), result.image().getHeight());
    }
}

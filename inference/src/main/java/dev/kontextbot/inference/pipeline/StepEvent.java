package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Optional;

/**
 * Progress after a denoising step.
 *
 * @param step      1-based number of the step just finished
 * @param steps     total steps
 * @param elapsed   since sampling started
 * @param remaining estimate from the mean step time so far
 * @param preview   a small RGB image of the current latents every {@link KontextEngine#PREVIEW_EVERY} steps and
 *                  on the last step
 */
public record StepEvent(int step, int steps, Duration elapsed, Duration remaining, Optional<BufferedImage> preview) {
}

package dev.kontextbot.inference.pipeline;

import java.awt.image.BufferedImage;

/**
 * The outcome of one run.
 *
 * @param image           the decoded picture (TYPE_INT_RGB)
 * @param width           its width
 * @param height          its height
 * @param latents         the final normalised latents [1,16,H/8,W/8], before the VAE decoder
 * @param promptTruncated the prompt was longer than a text encoder takes (the caller tells the user)
 * @param timings         where the time went
 */
public record EditResult(BufferedImage image, int width, int height, float[] latents, boolean promptTruncated,
                         Timings timings) {
}

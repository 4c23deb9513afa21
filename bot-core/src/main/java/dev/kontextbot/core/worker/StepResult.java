package dev.kontextbot.core.worker;

import java.awt.image.BufferedImage;

/** What one run stores: its picture, and its latents when they are the picture's (null otherwise). */
record StepResult(BufferedImage image, float[] latents) {
}

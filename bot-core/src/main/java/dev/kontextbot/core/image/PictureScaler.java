package dev.kontextbot.core.image;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.image.BufferedImage;

/** Smaller copies of stored pictures (thumbnails, what a vision model sees), with the original's provenance. */
public final class PictureScaler {

    private final ImageDecoder decoder;
    private final LanczosResizer resizer;
    private final DerivedPng derived;

    public PictureScaler(ImageDecoder decoder, LanczosResizer resizer, DerivedPng derived) {
        this.decoder = decoder;
        this.resizer = resizer;
        this.derived = derived;
    }

    /** {@code pngBytes} at most {@code side} px on its longest side; a picture that cannot be read is returned as is. */
    public byte[] scaled(byte[] pngBytes, int side) {
        try {
            BufferedImage image = decoder.decode(pngBytes);
            int longest = Math.max(image.getWidth(), image.getHeight());
            if (longest <= side) {
                return pngBytes;
            }
            double scale = (double) side / longest;
            // A smaller copy keeps the original's provenance chunks (and its recipe: it is the same picture).
            return derived.encode(resizer.resize(image, Math.max(1, (int) Math.round(image.getWidth() * scale)),
                    Math.max(1, (int) Math.round(image.getHeight() * scale))), pngBytes,
                    "Scaled copy, longest side " + side + " px", true);
        } catch (InferenceException e) {
            return pngBytes;
        }
    }
}

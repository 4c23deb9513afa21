package dev.kontextbot.inference.image;

import dev.kontextbot.inference.InferenceException;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The reference's context-image preparation in one call (kontext-pipeline.md §3.1): decode, choose the
 * bucket from the raw upright size (BFL's rule), and Lanczos-resize to it unless already that size.
 * Normalisation to a tensor is {@link ImageTensors#toNchw}. Thread-safe.
 */
public final class ContextImages {

    private final ImageDecoder decoder;
    private final LanczosResizer resizer;

    public ContextImages(ImageDecoder decoder, LanczosResizer resizer) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.resizer = Objects.requireNonNull(resizer, "resizer");
    }

    /** Decodes and prepares an uploaded file; errors as {@link ImageDecoder#decode}. */
    public ContextImage prepare(byte[] bytes) throws InferenceException {
        return prepare(decoder.decode(bytes));
    }

    /** Prepares an already decoded picture (for example a previous result). */
    public ContextImage prepare(BufferedImage picture) {
        Bucket bucket = Buckets.choose(picture.getWidth(), picture.getHeight());
        BufferedImage sized = resizer.resize(RgbImages.toRgb(picture), bucket.width(), bucket.height());
        return new ContextImage(sized, bucket, picture.getWidth(), picture.getHeight());
    }
}

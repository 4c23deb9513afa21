package dev.kontextbot.core.image;

import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns chat attachments into one picture: each size-checked before download, decoded with the same guards as the
 * pipeline (broken files, decompression bombs, wrong types get plain errors), several combined side by side.
 * Limits per message, so pictures that are each within the limits cannot exhaust memory together: at most
 * {@link #MAX_PICTURES} pictures and {@link #MAX_TOTAL_PIXELS} pixels in all, and at most {@link #MAX_DECODING}
 * messages decoding at once in this process (others wait their turn).
 */
public final class ImageIntake {

    /** The picture, how many attachments went into it, and each of them as sent. */
    public record Intake(BufferedImage image, int pictures, List<BufferedImage> parts) {
    }

    /** Pictures in one message (a Telegram album holds up to 10; Kontext takes one context picture). */
    public static final int MAX_PICTURES = 6;
    /** All pictures of one message together: 6 pictures of 16 MP, 384 MB decoded as 32-bit pixels. */
    public static final long MAX_TOTAL_PIXELS = 96_000_000L;
    /** Messages decoding pictures at the same time in this process. */
    public static final int MAX_DECODING = 2;

    private final ImageDecoder decoder;
    private final ContextCollage collage;
    private final long maxBytes;
    private final java.util.concurrent.Semaphore decoding = new java.util.concurrent.Semaphore(MAX_DECODING, true);

    private final int maxPictures;
    private final long maxTotalPixels;

    public ImageIntake(ImageDecoder decoder, ContextCollage collage, long maxBytes) {
        this(decoder, collage, maxBytes, MAX_PICTURES, MAX_TOTAL_PIXELS);
    }

    public ImageIntake(ImageDecoder decoder, ContextCollage collage, long maxBytes, int maxPictures,
                       long maxTotalPixels) {
        this.decoder = decoder;
        this.collage = collage;
        this.maxBytes = maxBytes;
        this.maxPictures = maxPictures;
        this.maxTotalPixels = maxTotalPixels;
    }

    public Intake read(List<Attachment> attachments) {
        if (attachments.size() > maxPictures) {
            throw new TurnException("too_many_pictures", "That is " + attachments.size()
                    + " pictures; I can take at most " + maxPictures + " in one message.");
        }
        try {
            decoding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnException("interrupted", "Stopped while waiting to read the pictures.");
        }
        try {
            return decodeAll(attachments);
        } finally {
            decoding.release();
        }
    }

    private Intake decodeAll(List<Attachment> attachments) {
        List<BufferedImage> images = new ArrayList<>();
        long pixels = 0;
        for (Attachment attachment : attachments) {
            if (attachment.sizeBytes() > maxBytes) {
                throw new TurnException("image_too_large", attachment.fileName() + " is "
                        + megabytes(attachment.sizeBytes()) + " MB; the limit is " + megabytes(maxBytes) + " MB.");
            }
            byte[] bytes;
            try {
                bytes = attachment.fetch(maxBytes);
            } catch (AttachmentException e) {
                throw new TurnException("attachment_unavailable", e.getMessage());
            }
            try {
                images.add(decoder.decode(bytes));
                pixels += (long) images.getLast().getWidth() * images.getLast().getHeight();
                if (pixels > maxTotalPixels) {
                    throw new TurnException("too_many_pixels", "These pictures are too large together (over "
                            + maxTotalPixels / 1_000_000.0 + " megapixels in one message). Send fewer or smaller ones.");
                }
            } catch (InferenceException e) {
                throw new TurnException(e.code().name().toLowerCase(java.util.Locale.ROOT),
                        attachment.fileName() + ": " + e.getMessage());
            }
        }
        return new Intake(collage.sideBySide(images), images.size(), List.copyOf(images));
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}

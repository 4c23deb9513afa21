package dev.kontextbot.core.service;

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
 */
public final class ImageIntake {

    /** The picture, how many attachments went into it, and each of them as sent. */
    public record Intake(BufferedImage image, int pictures, List<BufferedImage> parts) {
    }

    private final ImageDecoder decoder;
    private final ContextCollage collage;
    private final long maxBytes;

    public ImageIntake(ImageDecoder decoder, ContextCollage collage, long maxBytes) {
        this.decoder = decoder;
        this.collage = collage;
        this.maxBytes = maxBytes;
    }

    public Intake read(List<Attachment> attachments) {
        List<BufferedImage> images = new ArrayList<>();
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

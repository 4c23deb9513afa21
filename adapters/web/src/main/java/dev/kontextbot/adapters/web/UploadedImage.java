package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;

/** A picture uploaded through the page: the bytes are already here, size-checked against the upload limit. */
record UploadedImage(String fileName, String mimeType, byte[] bytes) implements Attachment {

    @Override
    public long sizeBytes() {
        return bytes.length;
    }

    @Override
    public byte[] fetch(long maxBytes) throws AttachmentException {
        if (bytes.length > maxBytes) {
            throw new AttachmentException("The picture is " + megabytes(bytes.length) + " MB; the limit is "
                    + megabytes(maxBytes) + " MB.");
        }
        return bytes.clone();
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}

package dev.kontextbot.core.image;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;

/** An attachment downloaded at most once per turn, however many parts of the turn read it. */
public final class FetchOnceAttachment implements Attachment {

    private final Attachment source;
    private byte[] bytes;

    public FetchOnceAttachment(Attachment source) {
        this.source = source;
    }

    @Override
    public String fileName() {
        return source.fileName();
    }

    @Override
    public String mimeType() {
        return source.mimeType();
    }

    @Override
    public long sizeBytes() {
        return source.sizeBytes();
    }

    @Override
    public synchronized byte[] fetch(long maxBytes) throws AttachmentException {
        if (bytes == null) {
            bytes = source.fetch(maxBytes);
        }
        if (bytes.length > maxBytes) {
            throw new AttachmentException(fileName() + " is larger than the limit.");
        }
        return bytes;
    }
}

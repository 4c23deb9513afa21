package dev.kontextbot.core.chat;

/**
 * An image the user attached. Fetched lazily: the bot checks {@link #sizeBytes()} against its limit before it asks
 * the adapter to download anything.
 */
public interface Attachment {

    String fileName();

    /** The MIME type the platform reports, or "application/octet-stream" when unknown. */
    String mimeType();

    /** The size the platform reports, or -1 when unknown. */
    long sizeBytes();

    /** Downloads the bytes, reading at most {@code maxBytes}. */
    byte[] fetch(long maxBytes) throws AttachmentException;
}

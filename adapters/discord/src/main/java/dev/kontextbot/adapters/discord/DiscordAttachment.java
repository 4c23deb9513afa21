package dev.kontextbot.adapters.discord;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** A Discord attachment, downloaded only when the bot asks, and never more than the bot's limit. */
public final class DiscordAttachment implements Attachment {

    private final org.javacord.api.entity.Attachment attachment;

    DiscordAttachment(org.javacord.api.entity.Attachment attachment) {
        this.attachment = attachment;
    }

    @Override
    public String fileName() {
        return attachment.getFileName();
    }

    /** Javacord 3.8 does not expose Discord's content type; the extension is what Discord derives it from. */
    @Override
    public String mimeType() {
        return mimeTypeOf(fileName());
    }

    /** The picture type a file name's extension names, as Discord derives it (both adapters use it). */
    public static String mimeTypeOf(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".webp")) {
            return "image/webp";
        }
        if (name.endsWith(".gif")) {
            return "image/gif";
        }
        return "application/octet-stream";
    }

    @Override
    public long sizeBytes() {
        return attachment.getSize();
    }

    @Override
    public byte[] fetch(long maxBytes) throws AttachmentException {
        if (sizeBytes() > maxBytes) {
            throw new AttachmentException("The picture is " + ReplyRenderer.megabytes(sizeBytes())
                    + "; I can take up to " + ReplyRenderer.megabytes(maxBytes) + ".");
        }
        try (InputStream in = attachment.asInputStream()) {
            // One byte past the limit tells a lying size header from a file that fits.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new AttachmentException("The picture is larger than the " + ReplyRenderer.megabytes(maxBytes)
                        + " I can take.");
            }
            return bytes;
        } catch (IOException e) {
            throw new AttachmentException("I couldn't download the picture from Discord; please send it again.", e);
        }
    }

    static boolean isImage(org.javacord.api.entity.Attachment attachment) {
        return new DiscordAttachment(attachment).mimeType().startsWith("image/");
    }
}

package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;

/** A photo or image document in a message, downloaded only when the bot asks, within the adapter's limit. */
record TelegramAttachment(String fileId, String fileName, String mimeType, long sizeBytes, long downloadLimit,
                          FileDownloader downloader) implements Attachment {

    @Override
    public byte[] fetch(long maxBytes) throws AttachmentException {
        if (sizeBytes > downloadLimit) {
            throw new AttachmentException(FileDownloader.tooLarge(sizeBytes, downloadLimit));
        }
        return downloader.download(fileId, Math.min(maxBytes, downloadLimit));
    }
}

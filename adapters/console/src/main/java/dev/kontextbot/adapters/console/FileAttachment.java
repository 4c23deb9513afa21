package dev.kontextbot.adapters.console;

import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A picture on the local disk, read only when the bot asks for it. */
final class FileAttachment implements Attachment {

    private final Path path;

    FileAttachment(Path path) {
        this.path = path;
    }

    @Override
    public String fileName() {
        return path.getFileName().toString();
    }

    @Override
    public String mimeType() {
        try {
            String probed = Files.probeContentType(path);
            return probed == null ? "application/octet-stream" : probed;
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    @Override
    public long sizeBytes() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public byte[] fetch(long maxBytes) throws AttachmentException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new AttachmentException("The file " + fileName() + " is larger than " + maxBytes / (1024 * 1024)
                        + " MB.");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new AttachmentException("There is no file " + path + ".", e);
        } catch (IOException e) {
            throw new AttachmentException("The file " + path + " could not be read.", e);
        }
    }
}

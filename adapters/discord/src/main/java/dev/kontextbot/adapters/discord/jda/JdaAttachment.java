package dev.kontextbot.adapters.discord.jda;

import dev.kontextbot.adapters.discord.DiscordAttachment;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.AttachmentException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import net.dv8tion.jda.api.entities.Message;

/**
 * A Discord attachment, downloaded from its CDN address only when the bot asks, and never more than the bot's
 * limit. Its name never carries the signed URL's {@code ?ex=&is=&hm=} query.
 */
final class JdaAttachment implements Attachment {

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);

    private final Message.Attachment attachment;
    private final HttpClient http;

    JdaAttachment(Message.Attachment attachment, HttpClient http) {
        this.attachment = attachment;
        this.http = http;
    }

    @Override
    public String fileName() {
        return cleanName(attachment.getFileName(), attachment.getUrl());
    }

    /** Discord's content type when it sent one, else derived from the extension as Discord does. */
    @Override
    public String mimeType() {
        String type = attachment.getContentType();
        if (type != null && !type.isBlank()) {
            return type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        }
        return DiscordAttachment.mimeTypeOf(fileName());
    }

    @Override
    public long sizeBytes() {
        return attachment.getSize();
    }

    @Override
    public byte[] fetch(long maxBytes) throws AttachmentException {
        if (sizeBytes() > maxBytes) {
            throw new AttachmentException("The picture is " + megabytes(sizeBytes()) + "; I can take up to "
                    + megabytes(maxBytes) + ".");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(attachment.getUrl())).timeout(DOWNLOAD_TIMEOUT).GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new AttachmentException("I couldn't download the picture from Discord (it answered "
                            + response.statusCode() + "); please send it again.");
                }
                // One byte past the limit tells a lying size field from a file that fits.
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new AttachmentException("The picture is larger than the " + megabytes(maxBytes)
                            + " I can take.");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new AttachmentException("I couldn't download the picture from Discord; please send it again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachmentException("The download of the picture was interrupted; please send it again.", e);
        }
    }

    boolean isImage() {
        return mimeType().startsWith("image/");
    }

    /** The file name as shown: Discord's {@code filename}, else the URL's last path segment, never a query. */
    static String cleanName(String fileName, String url) {
        String name = fileName == null || fileName.isBlank() ? URI.create(url).getPath() : fileName;
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}

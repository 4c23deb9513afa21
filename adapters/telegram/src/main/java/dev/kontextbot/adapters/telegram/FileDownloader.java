package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.AttachmentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Downloads a file the user sent: {@code getFile} for its path, then {@code {apiUrl}/file/bot{token}/{path}} built
 * here, because the library's own download always goes to api.telegram.org. A local Bot API server started with
 * {@code --local} answers with an absolute path on its disk instead; that is read directly when this process can see
 * it (a shared volume).
 */
final class FileDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(FileDownloader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TelegramClient client;
    private final BotApiCalls calls;
    private final URI apiUrl;
    private final String token;
    private final Redactor redactor;
    private final HttpClient http;

    FileDownloader(TelegramClient client, BotApiCalls calls, URI apiUrl, String token, Redactor redactor) {
        this.client = client;
        this.calls = calls;
        this.apiUrl = apiUrl;
        this.token = token;
        this.redactor = redactor;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The download URL of a file path; it contains the token, so it is never logged. */
    URI fileUrl(String filePath) {
        String base = apiUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/file/bot" + token + "/" + filePath.replaceAll("^/+", ""));
    }

    byte[] download(String fileId, long maxBytes) throws AttachmentException {
        File file;
        try {
            file = calls.send("getFile", "getFile", () -> client.execute(GetFile.builder().fileId(fileId).build()));
        } catch (TelegramCallException e) {
            LOG.warn("getFile failed: {}", e.getMessage());
            throw new AttachmentException(e.getMessage().contains("file is too big")
                    ? "Telegram does not let bots download files this big (20 MB at most)."
                    : "Telegram did not give me the file; please send it again.");
        }
        if (file == null || file.getFilePath() == null) {
            throw new AttachmentException("Telegram did not give me the file; please send it again.");
        }
        if (file.getFileSize() != null && file.getFileSize() > maxBytes) {
            throw new AttachmentException(tooLarge(file.getFileSize(), maxBytes));
        }
        Path local = Path.of(file.getFilePath());
        if (local.isAbsolute() && Files.isReadable(local)) {
            try (InputStream in = Files.newInputStream(local)) {
                return readAtMost(in, maxBytes);
            } catch (IOException e) {
                throw new AttachmentException("I could not read the file from the Bot API server.", e);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(fileUrl(file.getFilePath())).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    LOG.warn("File download answered HTTP {}", response.statusCode());
                    throw new AttachmentException("Telegram did not give me the file; please send it again.");
                }
                return readAtMost(in, maxBytes);
            }
        } catch (IOException e) {
            LOG.warn("File download failed: {}", redactor.describe(e));
            throw new AttachmentException("The download from Telegram failed; please send the picture again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachmentException("The download was interrupted.");
        }
    }

    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException, AttachmentException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBytes) {
                throw new AttachmentException(tooLarge(total, maxBytes));
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    static String tooLarge(long size, long maxBytes) {
        return String.format(java.util.Locale.ROOT, "That file is %s; I can take files up to %s.",
                megabytes(size), megabytes(maxBytes));
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}

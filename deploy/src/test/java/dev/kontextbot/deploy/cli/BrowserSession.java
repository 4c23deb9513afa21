package dev.kontextbot.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * One browser on a running playground, as the page drives it: its own cookie (so its own conversation), messages
 * with a picture, the history, and the event stream read on a virtual thread into {@link #events()}.
 */
final class BrowserSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private InputStream stream;

    BrowserSession(URI base) {
        this.base = base;
    }

    /** Gets the session cookie and opens the event stream. */
    BrowserSession open() throws IOException, InterruptedException {
        get("/api/info");
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base.resolve("/api/events"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("the event stream answered " + response.statusCode());
        }
        stream = response.body();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        events.add(JSON.readTree(line.substring(5).trim()));
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
        return this;
    }

    /** Sends a message with an optional picture; the bot answers on the event stream. */
    void send(String text, BufferedImage picture) throws IOException, InterruptedException {
        String boundary = "kb-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + text
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (picture != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.png\""
                    + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            ImageIO.write(picture, "png", body);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(base.resolve("/api/messages"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 202) {
            throw new AssertionError("POST /api/messages answered " + sent.statusCode() + ": " + sent.body());
        }
    }

    /** The conversation's versions, oldest first. */
    JsonNode versions() throws IOException, InterruptedException {
        return JSON.readTree(get("/api/history")).get("versions");
    }

    /** Waits until the history holds {@code count} versions (a storage outage answers 503 meanwhile). */
    void awaitVersions(int count, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (versions().size() >= count) {
                    return;
                }
            } catch (IllegalStateException e) {
                // the bot's storage is failing over: ask again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the history did not reach " + count + " versions within " + timeout + "; events: "
                + events);
    }

    /** Every reply the event stream carried so far. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    List<String> imageVersionIds() {
        return events.stream().filter(e -> "image".equals(e.path("type").asText()))
                .map(e -> e.get("versionId").asText()).toList();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    static BufferedImage picture(int seed) {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(seed * 40 % 256, 120, 200 - seed * 20 % 200));
        g.fillRect(0, 0, 96, 64);
        g.setColor(Color.WHITE);
        g.fillOval(10 + seed * 5, 10, 30, 30);
        g.dispose();
        return image;
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

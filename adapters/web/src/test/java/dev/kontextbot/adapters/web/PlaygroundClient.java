package dev.kontextbot.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One browser session against a running playground: java.net.http with its own cookie jar. */
final class PlaygroundClient {
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final String bearer;

    PlaygroundClient(URI base) {
        this(base, null);
    }

    PlaygroundClient(URI base, String bearer) {
        this.base = base;
        this.bearer = bearer;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient http() {
        return http;
    }

    /** The value of a cookie this client holds. */
    java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst();
    }

    /** Puts a cookie in this client's jar, as a page elsewhere or a planted value would. */
    void plant(String name, String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setDomain(base.getHost()); // as CookieManager names the server's own cookies, so one replaces the other
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Multipart form) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", form.contentType()).POST(form.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart POST with extra headers (name, value, name, value, ...), as a browser on some page sends it. */
    HttpResponse<String> post(String path, Multipart form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).header("Content-Type", form.contentType()).POST(form.publisher());
        return http.send((headers.length == 0 ? builder : builder.headers(headers)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send((headers.length == 0 ? builder : builder.headers(headers)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** Opens the session's event stream; the caller closes it. */
    SseReader events() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request("/api/events").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("the event stream answered " + response.statusCode());
        }
        return new SseReader(response.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (!path.equals("/api/events")) {
            // The event stream stays open for the whole test; everything else answers at once.
            builder.timeout(Duration.ofSeconds(30));
        }
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }
}

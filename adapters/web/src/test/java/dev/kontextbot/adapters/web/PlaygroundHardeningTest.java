package dev.kontextbot.adapters.web;

import dev.kontextbot.conversation.testing.RedisTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cross-site requests, token length and guessing, and the caps on sessions and event streams, against the real
 * playground over the real bot.
 */
@RedisTest
class PlaygroundHardeningTest {
    private static final String TOKEN = "0123456789abcdef-playground";

    @TempDir
    Path workDir;
    private UnifiedJedis jedis;

    @BeforeEach
    void redis(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    @Test
    void crossSiteStateChangesAreRefusedOnTheLoopbackPlayground() throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            URI uri = fixture.uri();
            PlaygroundClient victim = new PlaygroundClient(uri);
            String self = "http://" + uri.getAuthority();

            HttpResponse<String> forged = victim.post("/api/messages", new Multipart().field("text", "forget"),
                    "Origin", "http://evil.example");
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(victim.json(forged).get("error").asText()).isEqualTo("cross_site_refused");
            assertThat(victim.post("/api/messages", new Multipart().field("text", "forget"),
                    "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
            // Another port of the same host is another origin, and a sandboxed page sends "null".
            assertThat(victim.post("/api/messages", new Multipart().field("text", "hi"),
                    "Origin", "http://localhost:1").statusCode()).isEqualTo(403);
            assertThat(victim.post("/api/messages", new Multipart().field("text", "hi"),
                    "Origin", "null").statusCode()).isEqualTo(403);
            assertThat(victim.post("/api/actions/u.00000000-1", new Multipart().field("x", "y"),
                    "Origin", "http://evil.example").statusCode()).isEqualTo(403);
            assertThat(victim.getJson("/api/history").get("versions")).isEmpty();

            // The page's own requests, and clients that send no browser headers (curl, scripts), go on.
            assertThat(victim.post("/api/messages", new Multipart().field("text", "help"),
                    "Origin", self, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(202);
            assertThat(victim.post("/api/messages", new Multipart().field("text", "help")).statusCode()).isEqualTo(202);
            // Reading stays open: a foreign page cannot read the answer anyway (no CORS headers).
            assertThat(victim.get("/api/history").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void jsonEndpointsTakeOnlyJson() throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            PlaygroundClient client = new PlaygroundClient(fixture.uri());
            HttpResponse<String> form = client.post("/api/settings", new Multipart().field("steps", "4"));
            assertThat(form.statusCode()).isIn(405, 415);
            HttpResponse<String> plain = client.http().send(java.net.http.HttpRequest.newBuilder(
                            fixture.uri().resolve("/api/settings")).header("Content-Type", "text/plain")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"steps\": 4}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(415);
            assertThat(client.json(plain).get("error").asText()).isEqualTo("json_required");
            assertThat(client.getJson("/api/settings").get("steps").asInt()).isEqualTo(28);
            assertThat(client.putJson("/api/settings", "{\"steps\": 4}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tokenBindsRefuseCrossSiteRequestsEvenWithTheCookie() throws Exception {
        WebOptions options = new WebOptions("0.0.0.0:0", Optional.of(TOKEN), WebOptions.DEFAULT_MAX_UPLOAD_BYTES);
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, options)) {
            PlaygroundClient browser = new PlaygroundClient(fixture.uri());
            assertThat(browser.postJson("/api/login", "{\"token\": \"" + TOKEN + "\"}").statusCode()).isEqualTo(200);
            assertThat(browser.post("/api/messages", new Multipart().field("text", "hi"),
                    "Origin", "https://evil.example").statusCode()).isEqualTo(403);
            // Logging in from another site (login CSRF) is refused too.
            assertThat(new PlaygroundClient(fixture.uri()).postJson("/api/login", "{\"token\": \"" + TOKEN + "\"}",
                    "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void shortTokensAreRefusedAtStart() {
        assertThatThrownBy(() -> new WebOptions("0.0.0.0:0", Optional.of("open-sesame"), 10))
                .isInstanceOf(WebOptionsException.class)
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("open-sesame");
        assertThat(new WebOptions("0.0.0.0:0", Optional.of(TOKEN), 10).token()).hasValue(TOKEN);
    }

    @Test
    void wrongTokensAreThrottledAndThenEvenTheRightOneWaits() throws Exception {
        WebOptions options = new WebOptions("0.0.0.0:0", Optional.of(TOKEN), WebOptions.DEFAULT_MAX_UPLOAD_BYTES);
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, options)) {
            URI uri = fixture.uri();
            for (int i = 0; i < WrongTokenThrottle.BURST; i++) {
                assertThat(new PlaygroundClient(uri, "guess-number-" + i + "-xxxxxxxx").get("/api/history").statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> throttled = new PlaygroundClient(uri, "guess-number-x-xxxxxxxx").get("/api/history");
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(new PlaygroundClient(uri, TOKEN).get("/api/history").statusCode()).isEqualTo(429);
            assertThat(new PlaygroundClient(uri).postJson("/api/login", "{\"token\": \"" + TOKEN + "\"}").statusCode())
                    .isEqualTo(429);
            // Probes never need the token.
            assertThat(new PlaygroundClient(uri).get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sessionsAndEventStreamsAreCapped() throws Exception {
        WebOptions options = new WebOptions("127.0.0.1:0", Optional.empty(), WebOptions.DEFAULT_MAX_UPLOAD_BYTES, 2, 1);
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, options)) {
            URI uri = fixture.uri();
            PlaygroundClient first = new PlaygroundClient(uri);
            PlaygroundClient second = new PlaygroundClient(uri);
            assertThat(first.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(second.get("/api/history").statusCode()).isEqualTo(200);
            // A client that drops its cookie is a new session: no room for a third.
            HttpResponse<String> third = new PlaygroundClient(uri).post("/api/messages",
                    new Multipart().field("text", "hi"));
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(first.json(third).get("error").asText()).isEqualTo("too_many_sessions");
            // Known sessions keep working.
            assertThat(first.get("/api/history").statusCode()).isEqualTo(200);

            try (SseReader stream = first.events()) {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (fixture.registry().get("kontextbot.web.sse.clients").gauge().value() < 1
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                HttpResponse<String> another = second.http().send(java.net.http.HttpRequest.newBuilder(
                                uri.resolve("/api/events")).timeout(java.time.Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(another.statusCode()).isEqualTo(503);
                assertThat(second.json(another).get("error").asText()).isEqualTo("too_many_streams");
            }
        }
    }
}

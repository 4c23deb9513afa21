package dev.kontextbot.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.BotHealth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token rule, the session cookie, the static page and the operations endpoints. */
@RedisTest
class PlaygroundAccessTest {
    private static final String TOKEN = "correct-horse-battery-staple";

    @TempDir
    Path workDir;
    private UnifiedJedis jedis;

    @BeforeEach
    void redis(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    @Test
    void refusesAnOpenBindWithoutAToken() {
        WebOptions open = new WebOptions("0.0.0.0:0", Optional.empty(), WebOptions.DEFAULT_MAX_UPLOAD_BYTES);
        assertThatThrownBy(() -> PlaygroundFixture.start(jedis, workDir, open))
                .isInstanceOf(UnsafeBindException.class)
                .hasMessageContaining("PLAYGROUND_TOKEN").hasMessageContaining("0.0.0.0:0");
    }

    @Test
    void withATokenEveryApiCallNeedsIt() throws Exception {
        WebOptions options = new WebOptions("0.0.0.0:0", Optional.of(TOKEN), WebOptions.DEFAULT_MAX_UPLOAD_BYTES);
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, options)) {
            URI uri = fixture.uri();
            PlaygroundClient anonymous = new PlaygroundClient(uri);
            HttpResponse<String> refused = anonymous.get("/api/history");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(anonymous.json(refused).get("error").asText()).isEqualTo("token_required");
            assertThat(anonymous.get("/api/info").statusCode()).isEqualTo(401);
            assertThat(anonymous.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(anonymous.post("/api/messages", new Multipart().field("text", "hi")).statusCode()).isEqualTo(401);
            // Probes and the page itself stay open; the page asks for the token.
            assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(anonymous.get("/").statusCode()).isEqualTo(200);

            assertThat(new PlaygroundClient(uri, "wrong").get("/api/history").statusCode()).isEqualTo(401);
            PlaygroundClient bearer = new PlaygroundClient(uri, TOKEN);
            assertThat(bearer.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(bearer.getJson("/api/info").get("tokenRequired").asBoolean()).isTrue();

            // The page's login form posts the token; the answer is a cookie (not the token itself).
            PlaygroundClient browser = new PlaygroundClient(uri);
            HttpResponse<String> login = browser.postJson("/api/login", "{\"token\": \"" + TOKEN + "\"}");
            assertThat(login.statusCode()).isEqualTo(200);
            String cookie = login.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(AccessGuard.TOKEN_COOKIE + "=")).findFirst().orElseThrow();
            assertThat(cookie).doesNotContain(TOKEN).contains("HttpOnly").contains("SameSite=Strict");
            assertThat(browser.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(browser.get("/metrics").statusCode()).isEqualTo(200);

            // The token never travels in an address, not even the right one.
            HttpResponse<String> inUrl = new PlaygroundClient(uri).get("/?token=" + TOKEN);
            assertThat(inUrl.statusCode()).isEqualTo(400);
            assertThat(inUrl.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(AccessGuard.TOKEN_COOKIE));
            assertThat(new PlaygroundClient(uri).postJson("/api/login", "{\"token\": \"nope\"}").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void loopbackNeedsNoLoginButOnlyAnswersToLocalHostNames() throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            PlaygroundClient client = new PlaygroundClient(fixture.uri());
            assertThat(client.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(client.getJson("/api/info").get("tokenRequired").asBoolean()).isFalse();

            // A page on another site that rebinds its DNS name to 127.0.0.1 still sends its own Host header.
            assertThat(statusLine(fixture.port(), "evil.example:" + fixture.port())).contains(" 403");
            assertThat(statusLine(fixture.port(), "localhost:" + fixture.port())).contains(" 200");
        }
    }

    @Test
    void thePageAndItsAssetsComeFromTheJarWithASessionCookie() throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            PlaygroundClient client = new PlaygroundClient(fixture.uri());
            HttpResponse<String> page = client.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("/app.js").contains("/app.css").doesNotContain("https://");
            String session = page.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(BrowserSessions.COOKIE + "=")).findFirst().orElseThrow();
            assertThat(session).contains("HttpOnly").contains("SameSite=Strict");
            assertThat(session.substring(BrowserSessions.COOKIE.length() + 1, session.indexOf(';'))).matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");

            HttpResponse<String> js = client.get("/app.js");
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
            assertThat(js.body()).contains("EventSource");
            assertThat(client.get("/app.css").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));

            // The same browser keeps its session: no new cookie on the next request.
            assertThat(client.get("/api/history").headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(BrowserSessions.COOKIE));
        }
    }

    @Test
    void readinessFollowsBotHealthAndMetricsArePrometheusText() throws Exception {
        BotHealth noWorker = new BotHealth() {
            @Override
            public boolean storeReachable() {
                return true;
            }

            @Override
            public boolean canServeJobs() {
                return false;
            }

            @Override
            public String describe() {
                return "no model loaded and no live worker";
            }
        };
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback(), noWorker)) {
            PlaygroundClient client = new PlaygroundClient(fixture.uri());
            assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = client.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("no model loaded and no live worker");

            HttpResponse<String> metrics = client.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body()).contains("kontextbot_web_sse_clients");

            JsonNode info = client.getJson("/api/info");
            assertThat(info.get("model").asText()).isNotBlank();
            assertThat(info.get("standIn").asBoolean()).isTrue();
            assertThat(info.get("licenseNotice").asText()).contains("License");
        }
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            HttpResponse<String> ready = new PlaygroundClient(fixture.uri()).get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready");
        }
    }

    /** java.net.http will not send a foreign Host header, so speak HTTP/1.1 over a socket. */
    private static String statusLine(int port, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/history HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}

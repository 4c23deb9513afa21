package dev.kontextbot.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Identities and fairness through the playground's public API, tried as an attacker would: session ids only the
 * server makes, "forget" retiring the old id, a session cap that makes room within minutes, /metrics/ guarded like
 * /metrics, and one stalled event stream that cannot hold up anyone else's.
 */
@RedisTest
class PlaygroundTrustTest {
    private static final String TOKEN = "trust-token-0123456";

    @TempDir
    Path workDir;

    @Test
    void metricsWithATrailingSlashNeedTheTokenToo(UnifiedJedis jedis) throws Exception {
        WebOptions options = new WebOptions("127.0.0.1:0", Optional.of(TOKEN), WebOptions.DEFAULT_MAX_UPLOAD_BYTES);
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, options)) {
            PlaygroundClient stranger = new PlaygroundClient(fixture.uri());
            for (String path : new String[] {"/metrics", "/metrics/", "/metrics//"}) {
                HttpResponse<String> response = stranger.get(path);
                assertThat(response.statusCode()).as(path).isIn(401, 404);
                assertThat(response.body()).as(path).doesNotContain("kontextbot_");
            }
            assertThat(stranger.get("/metrics/").statusCode()).isEqualTo(401);
            assertThat(new PlaygroundClient(fixture.uri(), TOKEN).get("/metrics/").body()).contains("kontextbot_");
        }
    }

    @Test
    void aPlantedSessionIdIsReplacedSoThePlanterSeesNothing(UnifiedJedis jedis) throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            for (String planted : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"}) {
                PlaygroundClient victim = new PlaygroundClient(fixture.uri());
                victim.plant(BrowserSessions.COOKIE, planted);
                HttpResponse<String> first = victim.get("/");
                assertThat(first.headers().allValues("Set-Cookie")).anySatisfy(
                        c -> assertThat(c).startsWith(BrowserSessions.COOKIE + "=").doesNotContain(planted + ";"));
                String minted = victim.cookie(BrowserSessions.COOKIE).orElseThrow();
                assertThat(minted).isNotEqualTo(planted);
                makeAPicture(victim);

                PlaygroundClient planter = new PlaygroundClient(fixture.uri());
                planter.plant(BrowserSessions.COOKIE, planted);
                assertThat(planter.getJson("/api/history").path("versions")).isEmpty();
                assertThat(victim.getJson("/api/history").path("versions")).hasSize(1);
            }
        }
    }

    @Test
    void forgetRetiresTheSessionIdSoTheOldCookieOpensNothing(UnifiedJedis jedis) throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            PlaygroundClient user = new PlaygroundClient(fixture.uri());
            makeAPicture(user);
            String old = user.cookie(BrowserSessions.COOKIE).orElseThrow();
            try (SseReader events = user.events()) {
                user.post("/api/messages", new Multipart().field("text", "forget"));
                assertThat(events.nextOfType("text").path("text").asText()).contains("again");
                user.post("/api/messages", new Multipart().field("text", "forget"));
                assertThat(events.nextOfType("text").path("text").asText()).startsWith("Done");
                events.nextOfType("session_ended");
            }
            PlaygroundClient thief = new PlaygroundClient(fixture.uri());
            thief.plant(BrowserSessions.COOKIE, old);
            assertThat(thief.getJson("/api/history").path("versions")).isEmpty();
            assertThat(thief.cookie(BrowserSessions.COOKIE)).isPresent().get().isNotEqualTo(old);

            // The user's browser gets a new id on its next request, and a new conversation with it.
            assertThat(user.getJson("/api/history").path("versions")).isEmpty();
            String fresh = user.cookie(BrowserSessions.COOKIE).orElseThrow();
            assertThat(fresh).isNotEqualTo(old);
            makeAPicture(user);
            PlaygroundClient second = new PlaygroundClient(fixture.uri());
            second.plant(BrowserSessions.COOKIE, old);
            assertThat(second.getJson("/api/history").path("versions")).as("the old id never opens the new one")
                    .isEmpty();
        }
    }

    @Test
    void aFullSessionCountMakesRoomWithinMinutesNotHours(UnifiedJedis jedis) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        WebOptions options = new WebOptions("127.0.0.1:0", Optional.empty(), WebOptions.DEFAULT_MAX_UPLOAD_BYTES, 2, 10);
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, options, clock)) {
            PlaygroundClient regular = new PlaygroundClient(fixture.uri());
            assertThat(regular.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(regular.get("/api/history").statusCode()).isEqualTo(200);
            // A script that never sends its cookie back fills the rest.
            assertThat(new PlaygroundClient(fixture.uri()).get("/api/history").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = new PlaygroundClient(fixture.uri()).get("/api/history");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                    s -> assertThat(s).isBetween(1L, 31L));

            clock.advance(BrowserSessions.UNRETURNED_GRACE.plusSeconds(1));
            PlaygroundClient visitor = new PlaygroundClient(fixture.uri());
            assertThat(visitor.get("/api/history").statusCode()).as("the unreturned one made room").isEqualTo(200);
            assertThat(visitor.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(regular.get("/api/history").statusCode()).as("a returning session keeps its place")
                    .isEqualTo(200);

            HttpResponse<String> full = new PlaygroundClient(fixture.uri()).get("/api/history");
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                    s -> assertThat(s).isLessThanOrEqualTo(BrowserSessions.ROOM_AFTER.toSeconds() + 1));
            clock.advance(BrowserSessions.ROOM_AFTER.plusSeconds(1));
            assertThat(new PlaygroundClient(fixture.uri()).get("/api/history").statusCode()).isEqualTo(200);
            // Making room forgot only the count: the regular's cookie still names its session.
            String before = regular.cookie(BrowserSessions.COOKIE).orElseThrow();
            assertThat(regular.get("/api/history").statusCode()).isEqualTo(200);
            assertThat(regular.cookie(BrowserSessions.COOKIE)).hasValue(before);
        }
    }

    @Test
    void aStalledEventStreamIsDroppedAndHoldsUpNoOtherSession(UnifiedJedis jedis) throws Exception {
        try (PlaygroundFixture fixture = PlaygroundFixture.start(jedis, workDir, PlaygroundFixture.loopback())) {
            PlaygroundClient fast = new PlaygroundClient(fixture.uri());
            PlaygroundClient stalled = new PlaygroundClient(fixture.uri());
            assertThat(fast.get("/").statusCode()).isEqualTo(200);
            assertThat(stalled.get("/").statusCode()).isEqualTo(200);
            String fastSession = SessionIds.alias(fast.cookie(BrowserSessions.COOKIE).orElseThrow());
            String stalledSession = SessionIds.alias(stalled.cookie(BrowserSessions.COOKIE).orElseThrow());

            try (Socket reader = new Socket(); SseReader events = fast.events()) {
                // A browser that opens its stream and then never reads: a small window, nothing taken from it.
                reader.setReceiveBufferSize(4096);
                reader.connect(new InetSocketAddress("127.0.0.1", fixture.port()), 5000);
                OutputStream out = reader.getOutputStream();
                out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + fixture.port()
                        + "\r\nAccept: text/event-stream\r\nCookie: " + BrowserSessions.COOKIE + "="
                        + stalled.cookie(BrowserSessions.COOKIE).orElseThrow() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                waitForClients(fixture, 2);

                String big = "x".repeat(32 * 1024);
                SessionReplies replies = fixture.playground().replies();
                CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                    for (int round = 0; round < 24; round++) {
                        for (int i = 0; i < 50; i++) {
                            replies.publish(stalledSession, new Reply.Text(big));
                        }
                        replies.publish(fastSession, new Reply.Text("round " + round));
                        String text = events.nextOfType("text").path("text").asText();
                        assertThat(text).isEqualTo("round " + round);
                    }
                });
                run.get(120, TimeUnit.SECONDS);
                waitForClients(fixture, 1);
                InputStream in = reader.getInputStream();
                assertThat(in).isNotNull();
            }
        }
    }

    private static void waitForClients(PlaygroundFixture fixture, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fixture.registry().get("kontextbot.web.sse.clients").gauge().value() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the playground did not reach " + count + " event streams; it has "
                        + fixture.registry().get("kontextbot.web.sse.clients").gauge().value());
            }
            Thread.sleep(20);
        }
    }

    /** A generated picture in the client's conversation (two stand-in steps). */
    private static void makeAPicture(PlaygroundClient client) throws Exception {
        assertThat(client.putJson("/api/settings", "{\"steps\": 2}").statusCode()).isEqualTo(200);
        try (SseReader events = client.events()) {
            assertThat(client.post("/api/messages", new Multipart().field("text", "a lighthouse at dusk"))
                    .statusCode()).isEqualTo(202);
            JsonNode image = events.nextOfType("image");
            assertThat(image.path("versionId").asText()).isNotBlank();
        }
    }
}

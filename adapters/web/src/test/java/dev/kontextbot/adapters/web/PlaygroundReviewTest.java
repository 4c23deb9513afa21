package dev.kontextbot.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.testing.TestScreening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The review page's API behind the admin token, over the real bot screening with the stand-in classifier set to flag
 * every result: a held result is listed, only the admin acts on it, and the user's browser then receives it.
 */
@RedisTest
class PlaygroundReviewTest {
    private static final String TOKEN = "review-token-123";
    private static final String ADMIN = "admin-token-4567890";

    @TempDir
    Path workDir;
    private UnifiedJedis jedis;
    private TestScreening screening;
    private PlaygroundFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (screening != null) {
            screening.close();
        }
    }

    private PlaygroundFixture start(UnifiedJedis redis, Optional<String> token, Optional<String> admin) {
        jedis = redis;
        screening = TestScreening.standIn(redis, workDir, Set.of("normal"), SafetyOptions.defaults(),
                new SimpleMeterRegistry());
        fixture = PlaygroundFixture.screened(redis, workDir, new WebOptions("127.0.0.1:0", token,
                WebOptions.DEFAULT_MAX_UPLOAD_BYTES).withAdminToken(admin), screening.screening());
        return fixture;
    }

    /** A user whose result is held; returns the held item as the admin sees it. */
    private JsonNode heldResultOf(PlaygroundClient user, PlaygroundClient admin) throws Exception {
        assertThat(user.putJson("/api/settings", "{\"steps\": 2}").statusCode()).isEqualTo(200);
        try (SseReader events = user.events()) {
            assertThat(user.post("/api/messages", new Multipart().field("text", "a lighthouse at dusk"))
                    .statusCode()).isEqualTo(202);
            JsonNode held = events.nextMatching(r -> "error".equals(r.path("type").asText()));
            assertThat(held.toString()).contains("held_for_review").doesNotContain("normal");
        }
        return admin.getJson("/api/review").path("items").get(0);
    }

    @Test
    void aHeldResultIsListedAndReleasedToItsUser(UnifiedJedis redis) throws Exception {
        start(redis, Optional.of(TOKEN), Optional.of(ADMIN));
        PlaygroundClient user = new PlaygroundClient(fixture.uri(), TOKEN);
        PlaygroundClient admin = new PlaygroundClient(fixture.uri(), ADMIN);
        JsonNode item = heldResultOf(user, admin);
        assertThat(user.getJson("/api/history").path("versions")).isEmpty();
        assertThat(new PlaygroundClient(fixture.uri()).get("/review.html").statusCode())
                .as("the page has no data of its own").isEqualTo(200);
        assertThat(item.path("kind").asText()).isEqualTo("result");
        assertThat(item.path("releasable").asBoolean()).isTrue();
        assertThat(item.path("text").asText()).isEqualTo("a lighthouse at dusk");
        HttpResponse<byte[]> picture = admin.getBytes("/api/review/" + item.path("id").asText() + "/picture");
        assertThat(picture.body()).startsWith(0x89, 'P', 'N', 'G');

        try (SseReader events = user.events()) {
            HttpResponse<String> release = admin.post("/api/review/" + item.path("id").asText() + "/release");
            assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
            JsonNode delivered = events.nextMatching(r -> "image".equals(r.path("type").asText()));
            assertThat(user.getJson("/api/history").path("versions").get(0).path("id").asText())
                    .isEqualTo(delivered.path("versionId").asText());
        }
        HttpResponse<String> again = admin.post("/api/review/" + item.path("id").asText() + "/release");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(admin.json(again).path("message").asText()).contains("already released");
        assertThat(admin.post("/api/review/rv-nope/delete").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheAdminTokenActsAndEveryoneElseChangesNothing(UnifiedJedis redis) throws Exception {
        start(redis, Optional.of(TOKEN), Optional.of(ADMIN));
        PlaygroundClient user = new PlaygroundClient(fixture.uri(), TOKEN);
        PlaygroundClient admin = new PlaygroundClient(fixture.uri(), ADMIN);
        String id = heldResultOf(user, admin).path("id").asText();

        // A browser logged in to the playground (its kb_token cookie) and a client with no token at all try every
        // action; presenting tokens counts toward the wrong-token throttle, so the token holders try one each.
        PlaygroundClient browser = new PlaygroundClient(fixture.uri());
        assertThat(browser.postJson("/api/login", "{\"token\": \"" + TOKEN + "\"}").statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/history").statusCode()).isEqualTo(200);
        for (PlaygroundClient outsider : new PlaygroundClient[] {browser, new PlaygroundClient(fixture.uri())}) {
            assertThat(outsider.get("/api/review").statusCode()).isEqualTo(401);
            assertThat(outsider.get("/api/review/").statusCode()).isEqualTo(401);
            assertThat(outsider.getBytes("/api/review/" + id + "/picture").statusCode()).isEqualTo(401);
            assertThat(outsider.post("/api/review/" + id + "/release").statusCode()).isEqualTo(401);
            assertThat(outsider.post("/api/review/" + id + "/delete").statusCode()).isEqualTo(401);
            assertThat(outsider.post("/api/review//" + id + "/block").statusCode()).isIn(401, 404);
            assertThat(outsider.post("/api/review/" + id + "/block").statusCode()).isEqualTo(401);
        }
        assertThat(user.post("/api/review/" + id + "/release").statusCode()).as("the playground's token").isEqualTo(401);
        PlaygroundClient wrong = new PlaygroundClient(fixture.uri(), "admin-token-4567891");
        assertThat(wrong.post("/api/review/" + id + "/block").statusCode()).as("a wrong admin token").isEqualTo(401);
        // Nothing changed: the item is open, its user is not blocked and has no version.
        JsonNode item = admin.getJson("/api/review").path("items").get(0);
        assertThat(item.path("status").asText()).isEqualTo("open");
        assertThat(jedis.smembers("kb:{review}:blocked")).isEmpty();
        assertThat(user.getJson("/api/history").path("versions")).isEmpty();
        assertThat(admin.get("/api/review?token=" + ADMIN).statusCode()).as("never in an address").isEqualTo(400);

        // The review page's own login: a wrong token is refused, the right one sets a cookie that stands for it.
        PlaygroundClient page = new PlaygroundClient(fixture.uri());
        assertThat(page.postJson("/api/review/login", "{\"token\": \"" + TOKEN + "\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> login = page.postJson("/api/review/login", "{\"token\": \"" + ADMIN + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(AccessGuard.ADMIN_COOKIE + "=").contains("HttpOnly").doesNotContain(ADMIN));
        assertThat(page.getJson("/api/review").path("items")).hasSize(1);
        assertThat(page.getBytes("/api/review/" + id + "/picture").statusCode()).isEqualTo(200);
        assertThat(page.get("/api/history").statusCode()).as("the admin cookie is not the playground's token")
                .isEqualTo(401);
    }

    @Test
    void theAdminTokenGuardsTheReviewApiOnAnOpenLoopbackPlaygroundToo(UnifiedJedis redis) throws Exception {
        start(redis, Optional.empty(), Optional.of(ADMIN));
        PlaygroundClient user = new PlaygroundClient(fixture.uri());
        JsonNode item = heldResultOf(user, new PlaygroundClient(fixture.uri(), ADMIN));
        assertThat(user.get("/api/review").statusCode()).isEqualTo(401);
        assertThat(user.post("/api/review/" + item.path("id").asText() + "/release").statusCode()).isEqualTo(401);
        // Sessions are named by their alias on the review list, never by their cookie.
        String cookie = user.cookie(BrowserSessions.COOKIE).orElseThrow();
        assertThat(item.path("chat").asText()).matches("[0-9a-f]{16}").isEqualTo(SessionIds.alias(cookie));
        assertThat(item.toString()).doesNotContain(cookie);
    }

    @Test
    void withoutAnAdminTokenTheReviewApiIsOffOnTheWeb(UnifiedJedis redis) throws Exception {
        start(redis, Optional.of(TOKEN), Optional.empty());
        PlaygroundClient user = new PlaygroundClient(fixture.uri(), TOKEN);
        HttpResponse<String> list = user.get("/api/review");
        assertThat(list.statusCode()).isEqualTo(404);
        assertThat(user.json(list).path("error").asText()).isEqualTo("review_off");
        assertThat(user.post("/api/review/rv-x/release").statusCode()).isEqualTo(404);
        assertThat(user.postJson("/api/review/login", "{\"token\": \"" + TOKEN + "\"}").statusCode()).isEqualTo(404);
    }
}

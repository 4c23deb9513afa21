package dev.kontextbot.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.testing.TestScreening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The review page's API behind the token, over the real bot screening with the stand-in classifier set to flag every
 * result: a held result is listed, an admin releases it, and the user's browser then receives it.
 */
@ExtendWith(RedisServerExtension.class)
class PlaygroundReviewTest {
    private static final String TOKEN = "review-token-123";

    @TempDir
    Path workDir;
    private TestScreening screening;
    private PlaygroundFixture fixture;
    private PlaygroundClient user;

    @BeforeEach
    void start(UnifiedJedis jedis) throws Exception {
        screening = TestScreening.standIn(jedis, workDir, Set.of("normal"), SafetyOptions.defaults(),
                new SimpleMeterRegistry());
        fixture = PlaygroundFixture.screened(jedis, workDir,
                new WebOptions("127.0.0.1:0", Optional.of(TOKEN), WebOptions.DEFAULT_MAX_UPLOAD_BYTES),
                screening.screening());
        user = new PlaygroundClient(fixture.uri(), TOKEN);
        assertThat(user.get("/").statusCode()).isEqualTo(200);
        assertThat(user.putJson("/api/settings", "{\"steps\": 2}").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (screening != null) {
            screening.close();
        }
    }

    @Test
    void aHeldResultIsListedAndReleasedToItsUser() throws Exception {
        try (SseReader events = user.events()) {
            assertThat(user.post("/api/messages", new Multipart().field("text", "a lighthouse at dusk"))
                    .statusCode()).isEqualTo(202);
            JsonNode held = events.nextMatching(r -> "error".equals(r.path("type").asText()));
            assertThat(held.toString()).contains("held_for_review").doesNotContain("normal");
            assertThat(user.getJson("/api/history").path("versions")).isEmpty();

            PlaygroundClient stranger = new PlaygroundClient(fixture.uri());
            assertThat(stranger.get("/api/review").statusCode()).isEqualTo(401);
            assertThat(stranger.get("/review.html").statusCode()).as("the page has no data of its own").isEqualTo(200);

            PlaygroundClient admin = new PlaygroundClient(fixture.uri(), TOKEN);
            JsonNode item = admin.getJson("/api/review").path("items").get(0);
            assertThat(item.path("kind").asText()).isEqualTo("result");
            assertThat(item.path("releasable").asBoolean()).isTrue();
            assertThat(item.path("text").asText()).isEqualTo("a lighthouse at dusk");
            HttpResponse<byte[]> picture = admin.getBytes("/api/review/" + item.path("id").asText() + "/picture");
            assertThat(picture.body()).startsWith(0x89, 'P', 'N', 'G');

            HttpResponse<String> release = admin.post("/api/review/" + item.path("id").asText() + "/release");
            assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
            JsonNode delivered = events.nextMatching(r -> "image".equals(r.path("type").asText()));
            assertThat(user.getJson("/api/history").path("versions").get(0).path("id").asText())
                    .isEqualTo(delivered.path("versionId").asText());

            HttpResponse<String> again = admin.post("/api/review/" + item.path("id").asText() + "/release");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(admin.json(again).path("message").asText()).contains("already released");
            assertThat(admin.post("/api/review/rv-nope/delete").statusCode()).isEqualTo(404);
        }
    }
}

package dev.kontextbot.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StorageLedger;
import dev.kontextbot.conversation.review.ReviewLimits;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.testing.TestPictures;
import dev.kontextbot.core.testing.TestScreening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * One user sending flagged pictures in a loop through the playground (the stand-in classifier flags very red
 * pictures) cannot fill Redis: the review list keeps a thumbnail of each, a few per user, a few flags an hour,
 * charged to that user's quota, and another user's conversation and held items are untouched.
 */
@RedisTest
class PlaygroundFlaggedUploadsTest {
    private static final String ADMIN = "admin-token-flood-01";
    private static final int UPLOADS = 60;
    private static final long MB = 1024 * 1024;

    @TempDir
    Path workDir;

    @Test
    void sixtyFlaggedThreeMegabyteUploadsGrowRedisByAtMostTwentyMegabytes(UnifiedJedis jedis) throws Exception {
        byte[] red = redNoise(1100, 1100);
        assertThat((long) red.length).as("each upload is about 3 MB").isBetween(3 * MB - MB / 2, 4 * MB);
        try (TestScreening screening = TestScreening.standIn(jedis, workDir, Set.of("nsfw"), SafetyOptions.defaults(),
                new SimpleMeterRegistry());
             PlaygroundFixture fixture = PlaygroundFixture.screened(jedis, workDir, new WebOptions("127.0.0.1:0",
                     Optional.empty(), WebOptions.DEFAULT_MAX_UPLOAD_BYTES).withAdminToken(Optional.of(ADMIN)),
                     screening.screening())) {
            PlaygroundClient admin = new PlaygroundClient(fixture.uri(), ADMIN);
            PlaygroundClient bob = new PlaygroundClient(fixture.uri());
            upload(bob, TestPictures.sunsetPng(320, 240), "image");
            upload(bob, red, "error");
            String bobsItem = admin.getJson("/api/review").path("items").get(0).path("id").asText();
            JsonNode bobsHistory = bob.getJson("/api/history").path("versions");
            assertThat(bobsHistory).hasSize(1);
            long before = usedMemory(jedis);

            PlaygroundClient flooder = new PlaygroundClient(fixture.uri());
            for (int i = 0; i < UPLOADS; i++) {
                JsonNode refusal = upload(flooder, red, "error");
                assertThat(refusal.path("code").asText()).isEqualTo("picture_refused");
            }
            long grown = usedMemory(jedis) - before;
            System.out.printf("%d flagged uploads of %.1f MB grew used_memory by %.2f MB%n", UPLOADS,
                    red.length / (double) MB, grown / (double) MB);
            assertThat(grown).isLessThanOrEqualTo(20 * MB);

            String flooderId = SessionIds.alias(flooder.cookie(BrowserSessions.COOKIE).orElseThrow());
            JsonNode items = admin.getJson("/api/review").path("items");
            long flooders = 0;
            long pictures = 0;
            for (JsonNode item : items) {
                if (item.path("user").asText().equals(flooderId)) {
                    flooders++;
                    if (admin.getBytes("/api/review/" + item.path("id").asText() + "/picture").statusCode() == 200) {
                        pictures++;
                    }
                }
            }
            assertThat(flooders).as("flags kept this hour").isEqualTo(ReviewLimits.DEFAULT_FLAGS_PER_HOUR);
            assertThat(pictures).as("pictures kept at once").isEqualTo(ReviewLimits.DEFAULT_PICTURES_PER_USER);
            long charged = new StorageLedger(jedis, RetentionPolicy.defaults()).usedBy(flooderId);
            assertThat(charged).as("charged to the flooder's quota").isPositive().isLessThan(2 * MB);

            // Nobody else lost anything: bob's version, his held item and its picture are all there.
            assertThat(bob.getJson("/api/history").path("versions")).isEqualTo(bobsHistory);
            assertThat(admin.getBytes("/api/review/" + bobsItem + "/picture").statusCode()).isEqualTo(200);
            upload(bob, TestPictures.sunsetPng(320, 240), "image");
        }
    }

    /** Sends a picture and waits for the reply of the wanted type. */
    private static JsonNode upload(PlaygroundClient client, byte[] png, String type) throws Exception {
        try (SseReader events = client.events()) {
            assertThat(client.post("/api/messages", new Multipart().file("image", "p.png", "image/png", png))
                    .statusCode()).isEqualTo(202);
            return events.nextMatching(r -> type.equals(r.path("type").asText()));
        }
    }

    /** Very red noise: what the stand-in classifier flags, and a PNG that hardly compresses. */
    private static byte[] redNoise(int width, int height) {
        Random random = new Random(24);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (200 + random.nextInt(56)) << 16 | random.nextInt(64) << 8 | random.nextInt(64));
            }
        }
        return TestPictures.encode(image);
    }

    private static long usedMemory(UnifiedJedis jedis) {
        for (String line : jedis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new AssertionError("INFO memory has no used_memory");
    }
}

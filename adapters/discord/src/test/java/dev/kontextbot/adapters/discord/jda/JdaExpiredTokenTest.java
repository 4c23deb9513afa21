package dev.kontextbot.adapters.discord.jda;

import static dev.kontextbot.adapters.discord.fake.FakeDiscord.CHANNEL_ID;
import static dev.kontextbot.adapters.discord.jda.JdaFixture.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.adapters.discord.fake.FakeDiscord;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A job that finishes after the interaction token's 15 minutes (by the adapter's clock, moved on while Discord
 * takes the deferral) is posted as a channel message replying to the request and mentioning the user.
 */
@RedisTest
class JdaExpiredTokenTest {

    @Test
    void aResultAfterFifteenMinutesGoesToTheChannelAsAReplyThatMentionsTheUser(UnifiedJedis redis,
                                                                               @TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        try (JdaFixture fixture = new JdaFixture(TestBot.start(redis, dir), clock)) {
            FakeDiscord discord = fixture.discord;
            discord.onRequest(request -> {
                if (request.is("POST", "/interactions/\\d+/token-1/callback")) {
                    clock.advance(Duration.ofMinutes(16));
                }
            });
            String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", TestPictures.png(32, 32)),
                    "instruction", "make it red"));
            assertThat(token).isEqualTo("token-1");

            FakeDiscord.Request late = fixture.awaitChannelResult(CHANNEL_ID);
            assertThat(late.json().path("content").asText()).startsWith("<@" + FakeDiscord.USER_ID + ">");
            assertThat(late.json().path("allowed_mentions").path("users").get(0).asText())
                    .isEqualTo(Long.toString(FakeDiscord.USER_ID));
            assertThat(late.json().path("message_reference").path("message_id").asLong()).as("replies to the request")
                    .isEqualTo(discord.originalId(token).orElseThrow());
            assertThat(late.files()).singleElement().satisfies(f -> assertThat(f.isPng()).isTrue());
            assertThat(discord.requests(r -> r.is("PATCH", WEBHOOK + token + "/messages/@original")
                    && JdaFixture.result(r))).as("no edit on the expired token").isEmpty();
        }
    }
}

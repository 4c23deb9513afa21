package dev.kontextbot.adapters.discord.jda;

import static dev.kontextbot.adapters.discord.fake.FakeDiscord.APPLICATION_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.CHANNEL_ID;
import static dev.kontextbot.adapters.discord.jda.JdaFixture.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.adapters.discord.DiscordCommands;
import dev.kontextbot.adapters.discord.fake.FakeDiscord;
import dev.kontextbot.adapters.discord.fake.Payloads;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The JDA adapter against a fake Discord that speaks REST v10 and the gateway on loopback, around the real bot:
 * what Discord would see, request by request.
 */
@RedisTest
class JdaAdapterTest {

    private JdaFixture fixture;
    private FakeDiscord discord;

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) {
        fixture = new JdaFixture(TestBot.start(redis, dir), Clock.systemUTC());
        discord = fixture.discord;
        // Few steps: the stand-in model answers quickly.
        fixture.awaitOriginalText(fixture.slash("settings", Map.of("steps", 4L)), t -> !t.isBlank());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void logsInWithUsersMeAndRegistersExactlyThePrintedCommands() {
        assertThat(discord.requests(r -> r.is("GET", "/users/@me"))).hasSize(1);
        assertThat(discord.gatewayOps()).first().isEqualTo("IDENTIFY");
        List<FakeDiscord.Request> registrations = discord.requests(r -> r.is("PUT",
                "/applications/" + APPLICATION_ID + "/commands"));
        assertThat(registrations).hasSize(1);

        assertThat(CommandsJson.sameCommands(registrations.getFirst().json(),
                DiscordCommands.standard().tree(new ObjectMapper()))).isEmpty();
        // Installable on users too, and usable in DMs: user-installed apps.
        registrations.getFirst().json().forEach(command -> {
            assertThat(command.path("integration_types")).extracting(JsonNode::asInt).containsExactly(0, 1);
            assertThat(command.path("contexts")).extracting(JsonNode::asInt).containsExactly(0, 1, 2);
        });
    }

    @Test
    void editIsDeferredWithinThreeSecondsThenAnsweredWithAPngThatAReplyAndRetryEditFurther() {
        byte[] png = TestPictures.png(64, 48);
        long sentAt = System.nanoTime();
        String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", png),
                "instruction", "make the sky blue"));

        FakeDiscord.Request deferral = fixture.awaitCallback(token);
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(deferral.json().path("type").asInt()).as("DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(5);
        FakeDiscord.Request result = fixture.awaitOriginalResult(token);
        // v1 is the uploaded picture, v2 its edit.
        assertThat(result.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("kontext-v2.png");
            assertThat(f.isPng()).isTrue();
        });
        // The picture was fetched from the CDN, and nothing more than that one time.
        assertThat(discord.requests(r -> r.is("GET", "/cdn/.*"))).hasSize(1);
        assertThat(result.json().path("allowed_mentions").path("parse").isEmpty()).isTrue();
        long resultId = discord.messageId(result);

        long reply = discord.nextId();
        discord.dispatch("MESSAGE_CREATE", fixture.payloads().userMessage(reply, "<@" + FakeDiscord.BOT_ID
                + "> now make it night", List.of(), Optional.of(resultId), true));
        FakeDiscord.Request second = fixture.awaitChannelResult(CHANNEL_ID);
        assertThat(second.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("kontext-v3.png");
            assertThat(f.isPng()).isTrue();
        });
        assertThat(second.json().path("message_reference").path("message_id").asLong()).isEqualTo(reply);

        String retry = fixture.token();
        discord.dispatch("INTERACTION_CREATE", fixture.payloads().button(discord.nextId(), retry,
                JdaFixture.button(result, "Retry"), resultId));
        fixture.awaitCallback(retry);
        FakeDiscord.Request third = fixture.awaitOriginalResult(retry);
        assertThat(third.files()).singleElement().satisfies(f -> assertThat(f.isPng()).isTrue());
        assertThat(third.files().getFirst().fileName()).startsWith("kontext-v").endsWith(".png")
                .isNotEqualTo("kontext-v2.png").isNotEqualTo("kontext-v3.png");
    }

    @Test
    void varyBringsOneGridMessageWithAPickButtonPerVariation() {
        String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", TestPictures.png(32, 32)),
                "instruction", "make it blue"));
        long resultId = discord.messageId(fixture.awaitOriginalResult(token));

        discord.dispatch("MESSAGE_CREATE", fixture.payloads().userMessage(discord.nextId(), "<@" + FakeDiscord.BOT_ID
                + "> vary", List.of(), Optional.of(resultId), true));
        FakeDiscord.Request grid = fixture.awaitChannelResult(CHANNEL_ID);

        assertThat(grid.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).startsWith("kontext-variations-v").endsWith(".png");
            assertThat(f.isPng()).isTrue();
        });
        assertThat(grid.json().path("components").findValuesAsText("label")).contains("Pick 1", "Pick 2")
                .allMatch(label -> label.startsWith("Pick "));
    }

    @Test
    void aTextFileAsThePictureIsAnsweredInPlainWordsAndTheNextEditStillWorks() {
        byte[] text = "not a picture at all".getBytes(StandardCharsets.UTF_8);
        Payloads.File notes = new Payloads.File(discord.nextId(), "notes.txt", "text/plain; charset=utf-8",
                text.length, discord.upload("notes.txt", text));
        String token = fixture.slash("edit", Map.of("image", notes, "instruction", "make it blue"));

        FakeDiscord.Request answer = fixture.awaitOriginalText(token, t -> t.contains("notes.txt"));
        assertThat(answer.json().path("content").asText()).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("incident");
        assertThat(answer.files()).isEmpty();

        String next = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", TestPictures.png(32, 32)),
                "instruction", "make it blue"));
        assertThat(fixture.awaitOriginalResult(next).files().getFirst().isPng()).isTrue();
    }

    @Test
    void aSixtyMegabyteAttachmentIsRefusedInPlainWordsWithoutDownloadingIt() {
        Payloads.File huge = new Payloads.File(discord.nextId(), "huge.png", "image/png", 60L * 1024 * 1024,
                discord.upload("huge.png", new byte[16]));
        String token = fixture.slash("edit", Map.of("image", huge, "instruction", "make it blue"));

        FakeDiscord.Request answer = fixture.awaitOriginalText(token, t -> t.contains("60.0 MB"));
        assertThat(answer.json().path("content").asText()).contains("huge.png").doesNotContain("Exception");
        assertThat(discord.requests(r -> r.is("GET", "/cdn/.*"))).isEmpty();
    }

    @Test
    void aRateLimitIsWaitedOutAndTheEditStillArrives() {
        discord.failNext(r -> r.is("PATCH", WEBHOOK + ".*/messages/@original") && JdaFixture.result(r), 429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.4,\"global\":false}");
        String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", TestPictures.png(32, 32)),
                "instruction", "make it red"));

        List<FakeDiscord.Request> tries = fixture.awaitAll(r -> r.is("PATCH", WEBHOOK + token
                + "/messages/@original") && JdaFixture.result(r), 2);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(400));
    }

    @Test
    void anUploadDiscordFindsTooLargeGoesAgainSmallerAsJpeg() {
        discord.failNext(r -> r.is("PATCH", WEBHOOK + ".*/messages/@original") && JdaFixture.result(r), 413,
                FakeDiscord.error(40005, "Request entity too large"));
        String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", TestPictures.png(96, 96)),
                "instruction", "make it green"));

        List<FakeDiscord.Request> tries = fixture.awaitAll(r -> r.is("PATCH", WEBHOOK + token
                + "/messages/@original") && JdaFixture.result(r), 2);
        assertThat(tries.get(0).files().getFirst().fileName()).isEqualTo("kontext-v2.png");
        FakeDiscord.Upload smaller = tries.get(1).files().getFirst();
        assertThat(smaller.fileName()).isEqualTo("kontext-v2.jpg");
        assertThat(smaller.bytes().length).isLessThan(tries.get(0).files().getFirst().bytes().length);
    }

    @Test
    void theInteractionsOwnUploadLimitChoosesTheFormat() {
        byte[] png = TestPictures.png(128, 128);
        String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", png), "instruction",
                "make it green"), CHANNEL_ID, 2_000);

        FakeDiscord.Upload sent = fixture.awaitOriginalResult(token).files().getFirst();
        assertThat(sent.fileName()).isEqualTo("kontext-v2.jpg");
        assertThat(sent.bytes().length).isLessThanOrEqualTo(2_000);
    }

    @Test
    void anInvalidWebhookTokenSendsTheResultToTheChannelMentioningTheUser() {
        discord.failNext(r -> r.is("PATCH", WEBHOOK + ".*/messages/@original") && JdaFixture.result(r), 401,
                FakeDiscord.error(50027, "Invalid Webhook Token"));
        String token = fixture.slash("edit", Map.of("image", fixture.picture("cat.png", TestPictures.png(32, 32)),
                "instruction", "make it red"));

        FakeDiscord.Request late = fixture.awaitChannelResult(CHANNEL_ID);
        assertThat(late.json().path("content").asText()).startsWith("<@" + FakeDiscord.USER_ID + ">")
                .doesNotContain("50027").doesNotContain("Webhook");
        assertThat(late.json().path("allowed_mentions").path("users").toString())
                .isEqualTo("[\"" + FakeDiscord.USER_ID + "\"]");
        assertThat(late.json().path("message_reference").path("message_id").asText()).isNotEmpty();
        assertThat(discord.requests(r -> r.is("PATCH", WEBHOOK + token + "/messages/@original")
                && r.json().path("content").asText().contains("50027"))).isEmpty();
    }

    @Test
    void aDirectMessageAndAServerTheBotIsNotInAreAnsweredToo() {
        for (Payloads.Place place : List.of(Payloads.Place.DIRECT, Payloads.Place.FOREIGN_GUILD)) {
            String token = fixture.token();
            discord.dispatch("INTERACTION_CREATE", fixture.payloads().slashCommand(discord.nextId(), token, "edit",
                    Map.of("image", fixture.picture("cat.png", TestPictures.png(32, 32)), "instruction",
                            "make it red"), place, 0, 10L * 1024 * 1024));
            fixture.awaitCallback(token);
            FakeDiscord.Request result = fixture.awaitOriginalResult(token);
            assertThat(result.files().getFirst().isPng()).as(place.name()).isTrue();
        }
    }

    @Test
    void aDroppedGatewayIsResumedAndTheNextCommandIsServed() throws InterruptedException {
        discord.disconnect();
        java.time.Instant deadline = java.time.Instant.now().plus(JdaFixture.WAIT);
        while (!discord.gatewayOps().contains("RESUME") && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(discord.gatewayOps()).contains("RESUME").containsOnlyOnce("IDENTIFY");

        String token = fixture.slash("help", Map.of());
        fixture.awaitCallback(token);
        assertThat(fixture.awaitOriginalText(token, t -> !t.isBlank()).json().path("content").asText())
                .isNotBlank();
    }
}

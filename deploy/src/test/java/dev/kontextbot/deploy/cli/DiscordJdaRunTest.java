package dev.kontextbot.deploy.cli;

import static dev.kontextbot.adapters.discord.fake.FakeDiscord.APPLICATION_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.CHANNEL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.adapters.discord.fake.FakeDiscord;
import dev.kontextbot.adapters.discord.fake.Payloads;
import dev.kontextbot.adapters.discord.jda.CommandsJson;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's first "done when": {@code kontextbot run} with DISCORD_LIBRARY=jda and the endpoint settings pointing
 * at a fake Discord logs in, registers exactly what {@code kontextbot discord commands} prints, defers /edit within
 * 3 s and answers it with a PNG; a reply to the result and its Retry button each bring a PNG; a file that is not a
 * picture gets plain words.
 */
@Tag("integration")
class DiscordJdaRunTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String WEBHOOK = "/webhooks/" + APPLICATION_ID + "/";

    @TempDir
    Path data;

    @Test
    void runOnJdaAgainstAFakeDiscordEditsRepliesAndRetries() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            Map<String, String> env = Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                    "SAFETY_MODE", "off", "KONTEXT_STEPS", "4",
                    "DISCORD_TOKEN", "MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.fake-token-for-a-fake-discord-000000",
                    "DISCORD_LIBRARY", "jda", "DISCORD_API_URL", discord.apiUrl(),
                    "DISCORD_GATEWAY_URL", discord.gatewayUrl());
            String printed = CliRunner.run(env, "discord", "commands").out();
            try (RunningBot bot = RunningBot.start(env)) {
                assertThat(bot.out()).contains("discord (JDA)");
                assertThat(discord.requests(r -> r.is("GET", "/users/@me"))).hasSize(1);
                FakeDiscord.Request registered = discord.await(r -> r.is("PUT", "/applications/" + APPLICATION_ID
                        + "/commands"), WAIT);
                ObjectMapper json = new ObjectMapper();
                assertThat(CommandsJson.sameCommands(registered.json(), json.readTree(printed))).isEmpty();

                Payloads payloads = discord.payloads();
                byte[] png = TestPictures.png(64, 48);
                Payloads.File picture = new Payloads.File(discord.nextId(), "cat.png", "image/png", png.length,
                        discord.upload("cat.png", png));
                long sentAt = System.nanoTime();
                discord.dispatch("INTERACTION_CREATE", payloads.slashCommand(discord.nextId(), "edit-1", "edit",
                        Map.of("image", picture, "instruction", "make the sky blue"), CHANNEL_ID, 10L << 20));
                discord.await(r -> r.is("POST", "/interactions/\\d+/edit-1/callback"), WAIT);
                assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(3));
                FakeDiscord.Request result = discord.await(r -> r.is("PATCH", WEBHOOK + "edit-1/messages/@original")
                        && FakeDiscord.result(r), WAIT);
                assertThat(result.files().getFirst().isPng()).isTrue();

                long reply = discord.nextId();
                discord.dispatch("MESSAGE_CREATE", payloads.userMessage(reply, "<@" + FakeDiscord.BOT_ID
                        + "> now at night", List.of(), Optional.of(discord.messageId(result)), true));
                FakeDiscord.Request second = discord.await(r -> r.is("POST", "/channels/" + CHANNEL_ID + "/messages")
                        && FakeDiscord.result(r), WAIT);
                assertThat(second.files().getFirst().isPng()).isTrue();

                discord.dispatch("INTERACTION_CREATE", payloads.button(discord.nextId(), "retry-1",
                        FakeDiscord.button(result, "Retry"), discord.messageId(result)));
                FakeDiscord.Request retried = discord.await(r -> r.is("PATCH", WEBHOOK
                        + "retry-1/messages/@original") && FakeDiscord.result(r), WAIT);
                assertThat(retried.files().getFirst().isPng()).isTrue();

                byte[] text = "meeting notes".getBytes(StandardCharsets.UTF_8);
                Payloads.File notes = new Payloads.File(discord.nextId(), "notes.txt", "text/plain", text.length,
                        discord.upload("notes.txt", text));
                discord.dispatch("INTERACTION_CREATE", payloads.slashCommand(discord.nextId(), "edit-2", "edit",
                        Map.of("image", notes, "instruction", "make it blue"), CHANNEL_ID, 10L << 20));
                FakeDiscord.Request words = discord.await(r -> r.is("PATCH", WEBHOOK + "edit-2/messages/@original")
                        && r.json().path("content").asText().contains("notes.txt"), WAIT);
                assertThat(words.json().path("content").asText()).doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(words.files()).isEmpty();
            }
        }
    }
}

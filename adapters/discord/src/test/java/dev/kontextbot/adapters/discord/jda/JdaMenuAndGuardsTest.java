package dev.kontextbot.adapters.discord.jda;

import static dev.kontextbot.adapters.discord.fake.FakeDiscord.CHANNEL_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.NSFW_CHANNEL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kontextbot.adapters.discord.DiscordCommands;
import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.discord.fake.FakeDiscord;
import dev.kontextbot.adapters.discord.fake.Payloads;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** The "Edit with Kontext" menu and its modal, and the allowlists, on JDA against the fake Discord. */
@RedisTest
class JdaMenuAndGuardsTest {

    @Test
    void theContextMenuOpensAModalWhoseInstructionEditsTheMessagesPicture(UnifiedJedis redis, @TempDir Path dir) {
        try (JdaFixture fixture = new JdaFixture(TestBot.start(redis, dir), Clock.systemUTC())) {
            FakeDiscord discord = fixture.discord;
            fixture.awaitOriginalText(fixture.slash("settings", Map.of("steps", 4L)), t -> !t.isBlank());
            byte[] png = TestPictures.png(40, 40);
            long messageId = discord.nextId();
            JsonNode target = fixture.payloads().userMessage(messageId, "my cat", List.of(new Payloads.File(
                    discord.nextId(), "cat.png", "image/png", png.length, discord.upload("cat.png", png))),
                    Optional.empty(), false);

            String menu = fixture.token();
            discord.dispatch("INTERACTION_CREATE", fixture.payloads().messageCommand(discord.nextId(), menu,
                    DiscordCommands.EDIT_WITH_KONTEXT, (com.fasterxml.jackson.databind.node.ObjectNode) target));
            FakeDiscord.Request modal = fixture.awaitCallback(menu);
            assertThat(modal.json().path("type").asInt()).as("MODAL").isEqualTo(9);
            String customId = modal.json().path("data").path("custom_id").asText();
            assertThat(customId).isEqualTo("kb-edit:" + messageId);
            assertThat(modal.json().path("data").toString()).contains("\"custom_id\":\"instruction\"");

            String submit = fixture.token();
            discord.dispatch("INTERACTION_CREATE", fixture.payloads().modal(discord.nextId(), submit, customId,
                    "instruction", "make it purple"));
            FakeDiscord.Request result = fixture.awaitOriginalResult(submit);
            assertThat(result.files().getFirst().isPng()).isTrue();
            assertThat(discord.requests(r -> r.is("GET", "/cdn/.*"))).as("the message's picture was read").hasSize(1);
        }
    }

    @Test
    void outsideTheAllowedChannelsTheAskerAloneIsToldInOneSentence(UnifiedJedis redis, @TempDir Path dir) {
        DiscordOptions allowOne = new DiscordOptions("fake-token", Optional.empty(), false, Set.of(),
                Set.of(CHANNEL_ID), Set.of(), Set.of(), 1, 0, DiscordOptions.DEFAULT_ATTACHMENT_LIMIT, true);
        try (JdaFixture fixture = new JdaFixture(TestBot.start(redis, dir), Clock.systemUTC(), allowOne)) {
            String elsewhere = fixture.slash("help", Map.of(), NSFW_CHANNEL_ID, 10L << 20);
            FakeDiscord.Request refusal = fixture.awaitCallback(elsewhere);
            assertThat(refusal.json().path("type").asInt()).as("CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(4);
            assertThat(refusal.json().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
            assertThat(refusal.json().path("data").path("content").asText())
                    .isEqualTo("I don't work in this channel. Try <#" + CHANNEL_ID + ">.");

            String direct = fixture.token();
            fixture.discord.dispatch("INTERACTION_CREATE", fixture.payloads().slashCommand(fixture.discord.nextId(),
                    direct, "help", Map.of(), Payloads.Place.DIRECT, 0, 10L << 20));
            assertThat(fixture.awaitCallback(direct).json().path("data").path("content").asText())
                    .contains("not in direct messages");

            String allowed = fixture.slash("help", Map.of());
            assertThat(fixture.awaitCallback(allowed).json().path("type").asInt()).as("deferred").isEqualTo(5);
        }
    }
}

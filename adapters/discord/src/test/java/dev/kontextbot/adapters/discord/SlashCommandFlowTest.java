package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.ConversationViews.VersionView;
import dev.kontextbot.core.reply.ActionKeys;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** Every slash command and every button through Javacord's listener interfaces, against the real bot. */
@RedisTest
class SlashCommandFlowTest {

    private DiscordBotFixture discord;

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) {
        discord = new DiscordBotFixture(TestBot.start(redis, dir), DiscordBotFixture.options());
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    private String reply(String command, Map<String, Object> args) {
        return discord.awaitOriginal(discord.run(command, args)).content();
    }

    private List<VersionView> history() throws Exception {
        ChatOrigin origin = new ChatOrigin("discord", Long.toString(JavacordMocks.CHANNEL), Optional.empty(),
                new ChatUser(Long.toString(JavacordMocks.USER), "alice", false), false,
                Optional.of(Long.toString(JavacordMocks.GUILD)));
        return discord.testBot.views().history(origin);
    }

    /** Runs /edit at 4 steps and returns the result as shown on the original response. */
    private Sent edit(String instruction) {
        reply("settings", Map.of("steps", 4L));
        return discord.awaitPicture(discord.run("edit", Map.of("image", DiscordBotFixture.attachment("cat.png",
                TestPictures.png(96, 64)), "instruction", instruction, "seed", 42L)));
    }

    @Test
    void editIsDeferredAtOnceThenQueuedThenProgressThenTheResultInPlace() {
        reply("settings", Map.of("steps", 4L));
        String token = discord.token();
        SlashCommandInteraction interaction = discord.slash(token, "edit", Map.of("image",
                DiscordBotFixture.attachment("cat.png", TestPictures.png(96, 64)),
                "instruction", "make the sky blue", "seed", 42L));
        discord.fire(interaction);
        // Deferred before the listener returned: Discord's 3 seconds are never at risk.
        verify(interaction).respondLater();

        Sent result = discord.awaitPicture(token);
        List<Sent> shown = discord.log.all().stream().filter(s -> s.where().equals("original:" + token)).toList();
        assertThat(shown.getFirst().content()).startsWith("⏳");
        assertThat(shown).anySatisfy(s -> assertThat(s.content()).startsWith("🎨 Working: step"));
        assertThat(shown).extracting(Sent::messageId).containsOnly(result.messageId());
        assertThat(result.content()).startsWith("v2 · ").contains("sky blue", "seed 42");
        assertThat(result.files()).singleElement().satisfies(f -> assertThat(f).isEqualTo("kontext-v2.png"));
        assertThat(result.buttonIds()).extracting(id -> id.charAt(0)).containsExactly('u', 't', 'f', 'o');
    }

    @Test
    void everyCommand() throws Exception {
        assertThat(reply("help", Map.of())).contains("Send a picture and say what to change");
        if (TestBot.family().takesGuidance()) {
            assertThat(reply("settings", Map.of("steps", 4L, "guidance", 3.0, "aspect", "4:3")))
                    .contains("4 steps", "guidance 3", "aspect 4:3");
        } else {
            // Klein takes no guidance: a value is refused plainly, the rest is set without it.
            assertThat(reply("settings", Map.of("guidance", 3.0))).contains("takes no guidance");
            assertThat(reply("settings", Map.of("steps", 4L, "aspect", "4:3")))
                    .contains("4 steps", "no guidance", "aspect 4:3");
        }
        Sent result = edit("make the sky blue");
        assertThat(reply("history", Map.of())).contains("Versions:", "v1", "v2");
        assertThat(reply("undo", Map.of())).startsWith("v1");
        assertThat(reply("redo", Map.of())).startsWith("v2");
        assertThat(reply("reference", Map.of("kind", "style"))).contains("v2 as the style reference");
        assertThat(reply("reference", Map.of("kind", "character", "image", DiscordBotFixture.attachment("face.png",
                TestPictures.png(32, 32))))).contains("character reference");
        assertThat(reply("cancel", Map.of())).contains("Nothing is queued or running");

        Sent imagined = discord.awaitPicture(discord.run("imagine", Map.of("prompt", "a lighthouse at dusk",
                "aspect", "16:9")));
        assertThat(imagined.content()).contains("lighthouse");
        assertThat(history()).filteredOn(v -> v.instructionTyped().contains("lighthouse")).singleElement()
                .satisfies(v -> assertThat(v.width()).isGreaterThan(v.height()));

        assertThat(reply("reset", Map.of())).contains("Starting over");
        assertThat(history()).noneMatch(VersionView::current);
        assertThat(result.buttonIds()).isNotEmpty();
    }

    @Test
    void everyButton() {
        Sent result = edit("make the sky blue");
        Map<Character, String> keys = new java.util.HashMap<>();
        result.buttonIds().forEach(id -> keys.put(id.charAt(0), id));

        Sent full = discord.awaitOriginal(discord.press(keys.get('o'), result.messageId()));
        assertThat(full.files()).singleElement().satisfies(f -> assertThat(f).endsWith(".png"));
        assertThat(full.content()).contains("lossless");

        assertThat(discord.awaitOriginal(discord.press(keys.get('f'), result.messageId())).content())
                .contains("character reference");

        // Redo needs something undone: /undo from v2 shows v1; the Redo button names the version it is pressed on.
        Sent v1 = discord.awaitOriginal(discord.run("undo", Map.of()));
        assertThat(v1.content()).startsWith("v1");
        String v1Id = ActionKeys.decode(v1.buttonIds().getFirst()).orElseThrow().versionId();
        Sent redone = discord.awaitOriginal(discord.press(ActionKeys.encode(ActionKind.REDO, v1Id), v1.messageId()));
        assertThat(redone.content()).startsWith("v2");
        assertThat(redone.hasFile()).isTrue();

        Sent undone = discord.awaitOriginal(discord.press(keys.get('u'), result.messageId()));
        assertThat(undone.content()).startsWith("v1");
        assertThat(undone.hasFile()).isTrue();

        String retry = discord.press(keys.get('t'), result.messageId());
        assertThat(discord.awaitOriginal(retry).content()).startsWith("⏳");
        Sent again = discord.awaitPicture(retry);
        assertThat(again.content()).startsWith("v3 · ").contains("sky blue");
    }
}

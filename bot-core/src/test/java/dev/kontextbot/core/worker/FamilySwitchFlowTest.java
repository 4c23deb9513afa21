package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.RecordingPlatform;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A conversation started on Kontext and continued after the operator installed klein (issue 26): the first klein
 * edit starts from the Kontext result's picture (its 16-channel latents are never fed to klein: the klein VAE
 * encoder runs), says so in its caption, and later klein edits reuse klein's own latents. Settings follow klein's
 * defaults and a guidance value is refused in plain words.
 */
@RedisTest
class FamilySwitchFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final ChatOrigin alice = ChatOrigin.privateChat("console", "chat-1", new ChatUser("alice", "Alice", false));

    private Reply.Image edit(TestBot bot, RecordingPlatform chat, String text, Attachment... attachments) {
        long before = images(chat);
        bot.bot().onMessage(new ChatEvent(alice, Optional.empty(), text, List.of(attachments), Optional.empty(),
                Optional.empty()), chat).join();
        return chat.await(Reply.Image.class, i -> i.jobId().isPresent() && images(chat) > before, WAIT);
    }

    private static long images(RecordingPlatform chat) {
        return chat.all().stream().filter(r -> r instanceof Reply.Image i && i.jobId().isPresent()).count();
    }

    private void say(TestBot bot, RecordingPlatform chat, String text) {
        bot.bot().onMessage(new ChatEvent(alice, Optional.empty(), text, List.of(), Optional.empty(),
                Optional.empty()), chat).join();
    }

    @Test
    void kleinContinuesAKontextConversationFromItsPicturesNeverItsLatentsAndSaysSo(UnifiedJedis redis,
                                                                                 @TempDir Path dir)
            throws IOException {
        String kontextResult;
        try (TestBot kontext = TestBot.ofFamily(redis, dir.resolve("a"), ModelFamily.KONTEXT)) {
            RecordingPlatform chat = new RecordingPlatform("console");
            kontext.bot().register(chat);
            Reply.Image first = edit(kontext, chat, "make the sky blue", attachment("photo.png", png(640, 480)));
            kontextResult = first.versionId();
            Version made = kontext.store().find(conversation(kontext), kontextResult).orElseThrow();
            assertThat(made.family()).isEqualTo("kontext");
            assertThat(made.latentBlob()).as("Kontext kept its latents for a follow-up").isNotNull();
        }

        try (TestBot klein = TestBot.ofFamily(redis, dir.resolve("b"), ModelFamily.KLEIN)) {
            RecordingPlatform chat = new RecordingPlatform("console");
            klein.bot().register(chat);
            Reply.Image second = edit(klein, chat, "now add sunglasses");
            assertThat(second.parentVersionId()).contains(kontextResult);
            assertThat(klein.engine().sessionRuns(ModelInterface.VAE_ENCODER))
                    .as("the Kontext result's picture is encoded by klein; its latents are not used").isEqualTo(1);
            assertThat(second.caption()).contains("made with FLUX.2 [klein] 4B from the picture of v2, which "
                    + "FLUX.1 Kontext [dev] made");
            Version made = klein.store().find(conversation(klein), second.versionId()).orElseThrow();
            assertThat(made.family()).isEqualTo("klein");
            assertThat(made.steps()).as("klein's default steps").isEqualTo(4);

            Reply.Image third = edit(klein, chat, "make it night");
            assertThat(klein.engine().sessionRuns(ModelInterface.VAE_ENCODER))
                    .as("klein's own latents are reused").isEqualTo(1);
            assertThat(third.caption()).doesNotContain("made with");

            say(klein, chat, "go back to v2");
            Reply.Image shown = chat.await(Reply.Image.class, i -> i.versionId().equals(kontextResult), WAIT);
            assertThat(shown.caption()).contains("v2 was made with FLUX.1 Kontext [dev]; edits now use "
                    + "FLUX.2 [klein] 4B");

            say(klein, chat, "history");
            String history = chat.await(Reply.Text.class, t -> t.text().startsWith("Versions:"), WAIT).text();
            assertThat(history).contains("v2 (from v1): make the sky blue · made with FLUX.1 Kontext [dev]");
            assertThat(history.lines().filter(l -> l.contains("v3 (from v2): now add sunglasses")).findFirst())
                    .hasValueSatisfying(line -> assertThat(line).doesNotContain("made with"));

            say(klein, chat, "set guidance to 3");
            assertThat(chat.await(Reply.Error.class, e -> true, WAIT).message())
                    .contains("FLUX.2 [klein] 4B takes no guidance");
        }
    }

    @Test
    void kleinRefusesAPictureUnderItsMinimumSideInPlainWordsOnce(UnifiedJedis redis, @TempDir Path dir)
            throws IOException {
        try (TestBot klein = TestBot.ofFamily(redis, dir, ModelFamily.KLEIN)) {
            RecordingPlatform chat = new RecordingPlatform("console");
            klein.bot().register(chat);
            klein.bot().onMessage(new ChatEvent(alice, Optional.empty(), "make it night",
                    List.of(attachment("tiny.png", png(50, 40))), Optional.empty(), Optional.empty()), chat).join();

            Reply.Error refused = chat.await(Reply.Error.class, e -> e.jobId().isPresent(), WAIT);
            assertThat(refused.message()).isEqualTo("The picture is 50x40; each side must be at least 64 pixels.");
            assertThat(klein.engine().sessionRuns(ModelInterface.TRANSFORMER)).as("nothing ran").isZero();
        }
    }

    private String conversation(TestBot bot) {
        return bot.core().conversationOf(alice);
    }
}

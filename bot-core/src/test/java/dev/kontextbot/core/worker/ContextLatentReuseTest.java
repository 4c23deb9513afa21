package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.RecordingPlatform;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.model.ModelInterface;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Follow-up edits of a result start from its stored latents: over a multi-turn conversation (a plain follow-up and a
 * compound request) the VAE encoder runs once, for the uploaded picture, counted on its session.
 */
@RedisTest
class ContextLatentReuseTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private TestBot testBot;
    private RecordingPlatform chat;
    private final ChatOrigin alice = ChatOrigin.privateChat("console", "chat-1", new ChatUser("alice", "Alice", false));

    @BeforeEach
    void start(UnifiedJedis redis, @TempDir Path dir) {
        testBot = TestBot.start(redis, dir);
        chat = new RecordingPlatform("console");
        testBot.bot().register(chat);
    }

    @AfterEach
    void stop() {
        testBot.close();
    }

    private Reply.Image edit(String text, Attachment... attachments) {
        int before = (int) chat.all().stream().filter(r -> r instanceof Reply.Image i && i.jobId().isPresent()).count();
        testBot.bot().onMessage(new ChatEvent(alice, Optional.empty(), text, List.of(attachments), Optional.empty(),
                Optional.empty()), chat).join();
        return chat.await(Reply.Image.class, i -> i.jobId().isPresent()
                && chat.all().stream().filter(r -> r instanceof Reply.Image j && j.jobId().isPresent()).count() > before,
                WAIT);
    }

    private long encoderRuns() {
        return testBot.engine().sessionRuns(ModelInterface.VAE_ENCODER);
    }

    @Test
    void theEncoderRunsOnceForTheUploadAndNeverForFollowUps() throws IOException {
        Reply.Image first = edit("make the sky blue", attachment("photo.png", png(640, 480)));
        assertThat(encoderRuns()).isEqualTo(1);
        long decoderRuns = testBot.engine().sessionRuns(ModelInterface.VAE_DECODER);

        Reply.Image second = edit("now add sunglasses");
        assertThat(encoderRuns()).isEqualTo(1);
        assertThat(testBot.engine().sessionRuns(ModelInterface.VAE_DECODER)).isEqualTo(decoderRuns + 1);
        assertThat(second.parentVersionId()).contains(first.versionId());
        // Unchanged in kind: the same size as the first result.
        // The family's own size for a 640x480 upload: Kontext's 1184x880 bucket, klein's 640x480.
        assertThat(second.width()).isEqualTo(first.width()).isEqualTo(testBot.engine().contextSize(640, 480).width());
        assertThat(second.height()).isEqualTo(first.height())
                .isEqualTo(testBot.engine().contextSize(640, 480).height());

        // A compound request runs two edits, the second from the first's latents: still no encoder run.
        edit("make the background white and add a red hat");
        assertThat(encoderRuns()).isEqualTo(1);
        assertThat(testBot.engine().sessionRuns(ModelInterface.VAE_DECODER)).isEqualTo(decoderRuns + 3);
    }
}

package dev.kontextbot.core;

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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** A whole conversation through the real bot: real Redis, the stand-in model, the rule-based agent, a worker. */
@RedisTest
class ScriptedConversationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

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

    private void say(String text, Attachment... attachments) {
        testBot.bot().onMessage(new ChatEvent(alice, Optional.empty(), text, List.of(attachments), Optional.empty(),
                Optional.empty()), chat).orTimeout(2, TimeUnit.MINUTES).join();
    }

    private Reply.Image nextResult() {
        return chat.await(Reply.Image.class, i -> i.jobId().isPresent(), WAIT);
    }

    @Test
    void editEditUndoRedoHistoryFormsTheRightTree() throws IOException {
        say("make the sky blue", attachment("photo.png", png(640, 480)));
        Reply.Image first = nextResult();
        // The family's own size for a 640x480 upload: Kontext's 1184x880 bucket, klein's 640x480.
        assertThat(first.width()).isEqualTo(testBot.engine().contextSize(640, 480).width());
        assertThat(first.height()).isEqualTo(testBot.engine().contextSize(640, 480).height());
        assertThat(first.versionNumber()).isEqualTo(2);
        assertThat(first.parentVersionId()).isPresent();
        assertThat(first.caption()).contains("stand-in model");

        say("now add sunglasses");
        Reply.Image second = nextResult();
        assertThat(second.versionNumber()).isEqualTo(3);
        assertThat(second.parentVersionId()).contains(first.versionId());

        say("undo");
        Reply.Image undone = chat.await(Reply.Image.class, i -> i.jobId().isEmpty(), WAIT);
        assertThat(undone.versionId()).isEqualTo(first.versionId());

        say("redo");
        Reply.Image redone = chat.await(Reply.Image.class, i -> i.jobId().isEmpty(), WAIT);
        assertThat(redone.versionId()).isEqualTo(second.versionId());

        say("history");
        Reply.Text history = chat.await(Reply.Text.class, t -> t.text().startsWith("Versions:"), WAIT);
        assertThat(history.text()).contains("v1", "v2", "v3").contains("→ v3");
    }

    @Test
    void aReplyToAnOldResultEditsFromThatVersion() throws IOException {
        say("make it warmer", attachment("photo.png", png(640, 480)));
        Reply.Image v2 = nextResult();
        say("make it colder");
        Reply.Image v3 = nextResult();
        assertThat(v3.parentVersionId()).contains(v2.versionId());

        // Alice replies to the message that showed v2: the next edit branches from v2, not from v3.
        String v2Message = "m1001";
        testBot.bot().onMessage(new ChatEvent(alice, Optional.empty(), "add a red hat", List.of(),
                Optional.of(v2Message), Optional.empty()), chat).orTimeout(2, TimeUnit.MINUTES).join();
        Reply.Image branch = nextResult();
        assertThat(branch.parentVersionId()).contains(v2.versionId());
    }

    @Test
    void twoConversationsNeverSeeEachOthersPictures() throws IOException {
        say("make it warmer", attachment("photo.png", png(640, 480)));
        Reply.Image alicesResult = nextResult();
        ChatOrigin bob = ChatOrigin.privateChat("console", "chat-2", new ChatUser("bob", "Bob", false));
        testBot.bot().onMessage(ChatEvent.text(bob, "v2"), chat).orTimeout(2, TimeUnit.MINUTES).join();
        Reply.Error refused = chat.await(Reply.Error.class);
        assertThat(refused.message()).isNotBlank();
        assertThat(chat.all()).filteredOn(r -> r instanceof Reply.Image i && i.versionId().equals(alicesResult.versionId()))
                .hasSize(1);
    }

    @Test
    void aBrokenPictureGetsAPlainErrorAndNothingIsQueued() {
        say("make it red", attachment("broken.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}));
        Reply.Error error = chat.await(Reply.Error.class);
        assertThat(error.message()).contains("broken.png").doesNotContain("Exception");
        assertThat(chat.all()).noneMatch(r -> r instanceof Reply.Queued);
    }
}

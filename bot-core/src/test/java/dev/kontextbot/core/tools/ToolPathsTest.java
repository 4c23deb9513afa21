package dev.kontextbot.core.tools;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.photo;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.memory.RedisChatMemoryStore;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.FakeOpenAiServer;
import dev.kontextbot.core.agent.ScriptedLlm;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.prompts.HelpText;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every tool, called by a scripted language model (a fake OpenAI-compatible server answering "call NAME {json}"
 * with that tool call), on the real bot: real Redis, the stand-in model, an in-process worker.
 */
@RedisTest
class ToolPathsTest {

    private final FakeOpenAiServer llm = new FakeOpenAiServer(ScriptedLlm.byCommand());
    private TestBot testBot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
        llm.close();
    }

    private TestChats.Person start(UnifiedJedis redis, boolean worker) {
        testBot = TestBot.withLlm(redis, dir, llm.options(false), worker);
        return person("alice");
    }

    private TestChats.Person person(String user) {
        return TestChats.join(testBot.bot(), TestChats.privateChat("console-" + user, user));
    }

    /** Two steps per picture keep each job well under a second on the stand-in. */
    private static void fastSettings(TestChats.Person p) {
        p.say("call update_settings {\"steps\": 2}");
        assertThat(p.nextText().text()).startsWith("Settings: 2 steps");
    }

    /** The next text that starts with {@code start} (the scripted model also echoes each tool's answer). */
    private static String said(TestChats.Person p, String start) {
        return p.chat().await(Reply.Text.class, t -> t.text().startsWith(start), TestChats.WAIT).text();
    }

    private static String id(Reply.Image image) {
        return image.versionId();
    }

    @Test
    void editUndoRedoGoToHistoryAndRetry(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, true);
        fastSettings(alice);

        alice.say("call edit_image {\"instruction\": \"Make the sky blue\"}", photo());
        Reply.Image v2 = alice.nextResult();
        assertThat(v2.versionNumber()).isEqualTo(2);
        // The family's own size for the 640x480 photo: Kontext's 1184x880 bucket, klein's 640x480.
        assertThat(v2.width()).isEqualTo(testBot.engine().contextSize(640, 480).width());
        assertThat(v2.height()).isEqualTo(testBot.engine().contextSize(640, 480).height());
        assertThat(v2.caption()).startsWith("v2 · Make the sky blue");

        alice.say("call edit_image {\"instruction\": \"Add a red hat\", \"seed\": 5}");
        Reply.Image v3 = alice.nextResult();
        assertThat(v3.parentVersionId()).contains(id(v2));
        assertThat(v3.caption()).contains("seed 5");

        alice.say("call undo {}");
        assertThat(id(alice.nextShown())).isEqualTo(id(v2));
        alice.say("call redo {}");
        assertThat(id(alice.nextShown())).isEqualTo(id(v3));
        alice.say("call go_to_version {\"version\": \"original\"}");
        Reply.Image v1 = alice.nextShown();
        assertThat(v1.versionNumber()).isEqualTo(1);
        assertThat(v2.parentVersionId()).contains(id(v1));
        alice.say("call go_to_version {\"version\": \"v3\"}");
        assertThat(id(alice.nextShown())).isEqualTo(id(v3));

        alice.say("call show_history {}");
        String history = alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Versions:"),
                TestChats.WAIT).text();
        assertThat(history).contains("  v1: original picture", "  v2 (from v1): Make the sky blue",
                "→ v3 (from v2): Add a red hat");

        alice.say("call retry_with_new_seed {}");
        Reply.Image v4 = alice.nextResult();
        assertThat(v4.versionNumber()).isEqualTo(4);
        assertThat(v4.parentVersionId()).contains(id(v2));
        assertThat(v4.caption()).contains("Add a red hat").doesNotContain("seed 5\n");
    }

    @Test
    void generateWithAnAspectRatioMakesANewRootAtThatSize(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, true);

        alice.say("call generate_image {\"prompt\": \"A lighthouse at dusk\", \"aspect\": \"16:9\", \"steps\": 2}");

        Reply.Image result = alice.nextResult();
        // Aspects: sqrt(1024^2 * 16/9) = 1365 -> 1360, sqrt(1024^2 * 9/16) = 768, both multiples of 16.
        assertThat(result.width()).isEqualTo(1360);
        assertThat(result.height()).isEqualTo(768);
        assertThat(result.versionNumber()).isEqualTo(1);
        assertThat(result.parentVersionId()).isEmpty();
        assertThat(result.caption()).contains("A lighthouse at dusk");
    }

    @Test
    void rememberSetAndClearReferences(UnifiedJedis redis) throws Exception {
        TestChats.Person alice = start(redis, false);
        ConversationViews views = testBot.views();

        alice.say("call remember_image {}", photo());
        Reply.Image v1 = alice.nextShown();
        assertThat(v1.width()).isEqualTo(640);
        assertThat(alice.chat().await(Reply.Text.class, t -> true, TestChats.WAIT).text())
                .isEqualTo("Got it. What should I change?");

        alice.say("call set_reference {\"kind\": \"character\", \"source\": \"current\"}");
        assertThat(said(alice, "I'll use")).isEqualTo("I'll use v1 as the character reference for the next edits.");
        assertThat(views.references(alice.origin())).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo("character"));

        alice.say("call set_reference {\"kind\": \"style\", \"source\": \"attached\"}",
                attachment("style.png", png(320, 320)));
        assertThat(said(alice, "I'll use")).isEqualTo("I'll use that picture as the style reference for the next edits.");
        assertThat(views.references(alice.origin())).extracting(ConversationViews.ReferenceView::kind)
                .containsExactlyInAnyOrder("character", "style");

        alice.say("call clear_reference {\"kind\": \"style\"}");
        assertThat(said(alice, "Cleared")).isEqualTo("Cleared the style reference.");
        alice.say("call clear_reference {\"kind\": \"style\"}");
        assertThat(said(alice, "There was")).isEqualTo("There was no style reference.");
        assertThat(views.references(alice.origin())).extracting(ConversationViews.ReferenceView::kind)
                .containsExactly("character");

        alice.say("call set_reference {\"kind\": \"hat\"}");
        Reply.Error error = alice.nextError();
        assertThat(error.code()).isEqualTo("invalid_reference");
        assertThat(error.message()).isEqualTo("A reference is either a character or a style.");
    }

    /**
     * A style picture sent as a reference is a reference, not the picture being edited: the current picture stays
     * v1, so the next edit changes the user's photo in that style rather than the style picture itself.
     */
    @Test
    void anAttachedReferenceDoesNotReplaceTheCurrentPicture(UnifiedJedis redis) throws Exception {
        TestChats.Person alice = start(redis, false);
        alice.say("call remember_image {}", photo());
        Reply.Image v1 = alice.nextShown();

        alice.say("call set_reference {\"kind\": \"style\", \"source\": \"attached\"}",
                attachment("style.png", png(320, 320)));
        alice.nextText();

        List<ConversationViews.VersionView> history = testBot.views().history(alice.origin());
        assertThat(history).filteredOn(ConversationViews.VersionView::current).singleElement()
                .satisfies(h -> assertThat(h.id()).isEqualTo(v1.versionId()));
    }

    @Test
    void helpCancelStartOverAndForget(UnifiedJedis redis) throws Exception {
        // No worker: a queued job stays queued until it is cancelled.
        TestChats.Person alice = start(redis, false);

        alice.say("call help {}");
        assertThat(alice.nextText().text()).isEqualTo(new HelpText().text());

        alice.say("call edit_image {\"instruction\": \"Make the sky blue\"}", photo());
        Reply.Queued queued = alice.chat().await(Reply.Queued.class, q -> true, TestChats.WAIT);
        alice.say("call cancel_job {}");
        assertThat(said(alice, "Cancelled")).isEqualTo("Cancelled. That picture will not be made.");
        assertThat(testBot.queue().record(queued.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        alice.say("call cancel_job {}");
        assertThat(said(alice, "Nothing")).isEqualTo("Nothing is queued or running in this conversation.");

        String conv = testBot.core().conversationOf(alice.origin());
        assertThat(testBot.store().head(conv)).isPresent();
        alice.say("call start_over {}");
        assertThat(said(alice, "Starting")).isEqualTo("Starting over. Send a picture or describe one to create.");
        assertThat(testBot.store().head(conv)).isEmpty();
        assertThat(testBot.store().history(conv)).isNotEmpty();

        alice.say("call forget_conversation {}");
        assertThat(said(alice, "This deletes")).isEqualTo(ForgetTools.ASK);
        assertThat(testBot.store().history(conv)).isNotEmpty();
        alice.say("call forget_conversation {}");
        assertThat(said(alice, "Done"))
                .isEqualTo("Done: I deleted every picture, version and message of this conversation.");
        assertThat(testBot.store().history(conv)).isEmpty();
        // The turns before "forget" are gone from the agent's memory.
        List<ChatMessage> memory = new RedisChatMemoryStore(redis, RetentionPolicy.defaults()).getMessages(conv);
        assertThat(memory).noneMatch(m -> m instanceof UserMessage u && u.singleText().contains("help"));
    }

    @Test
    void argumentsAreValidatedInPlainWords(UnifiedJedis redis) throws Exception {
        TestChats.Person alice = start(redis, false);
        TestChats.Person bob = person("bob");
        bob.say("call remember_image {}", photo());
        Reply.Image bobs = bob.nextShown();
        alice.say("call remember_image {}", photo());
        alice.nextShown();

        alice.say("call update_settings {\"steps\": 0}");
        Reply.Error steps = alice.nextError();
        assertThat(steps.code()).isEqualTo("invalid_settings");
        assertThat(steps.message()).isEqualTo("Steps must be between 1 and 100.");

        alice.say("call update_settings {\"guidance\": 50}");
        // Kontext checks the range; klein takes no guidance at all.
        assertThat(alice.nextError().message()).isEqualTo(TestBot.family().takesGuidance()
                ? "Guidance must be between 0 and 20."
                : TestBot.family().displayName() + " takes no guidance: it is distilled to sample without it, so the "
                        + "value would change nothing. Leave guidance out (steps, seed and aspect still apply).");

        alice.say("call update_settings {\"aspect\": \"banana\"}");
        assertThat(alice.nextError().code()).isEqualTo("invalid_aspect");
        assertThat(testBot.views().settings(alice.origin()).steps()).isEqualTo(TestBot.family().defaultSteps());

        alice.say("call go_to_version {\"version\": \"v9\"}");
        Reply.Error missing = alice.nextError();
        assertThat(missing.message()).doesNotContain("Exception").isNotBlank();

        // A version id of another conversation is refused, and nothing of it is shown.
        alice.say("call go_to_version {\"version\": \"" + bobs.versionId() + "\"}");
        Reply.Error refused = alice.nextError();
        assertThat(refused.message()).doesNotContain("Exception").isNotBlank();
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Image i && i.versionId().equals(bobs.versionId()));
    }

    /** Steps 0 for one edit is refused like steps 0 in the settings: a plain error, nothing queued. */
    @Test
    void anEditWithZeroStepsIsRefusedInPlainWords(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);
        alice.say("call remember_image {}", photo());
        alice.nextShown();

        alice.say("call edit_image {\"instruction\": \"Make the sky blue\", \"steps\": 0}");

        Reply.Error error = alice.chat().await(Reply.Error.class, e -> true, Duration.ofSeconds(5));
        assertThat(error.code()).isEqualTo("invalid_settings");
        assertThat(error.message()).isEqualTo("Steps must be between 1 and 100.");
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Queued);
    }
}

package dev.kontextbot.core.tools;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.FakeOpenAiServer;
import dev.kontextbot.core.agent.ScriptedLlm;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** Arguments a language model may get wrong, on the real bot: each is refused in plain words, nothing is queued. */
@RedisTest
class ToolArgumentEdgeCasesTest {

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
        TestChats.Person alice = TestChats.join(testBot.bot(),
                ChatOrigin.privateChat("console", "c1", new ChatUser("alice", "alice", false)));
        alice.say("call remember_image {}", photo());
        alice.nextShown();
        return alice;
    }

    private static List<Reply.Error> errors(TestChats.Person p) {
        return p.chat().all().stream().filter(Reply.Error.class::isInstance).map(Reply.Error.class::cast).toList();
    }

    @Test
    void aMissingOrBlankVersionIsAskedAboutInPlainWords(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);

        alice.say("call go_to_version {\"version\": \"\"}");
        alice.say("call go_to_version {}");

        assertThat(alice.chat().all()).filteredOn(r -> r instanceof Reply.Text t && t.text().startsWith("Say which version"))
                .hasSize(2);
        assertThat(errors(alice)).isEmpty();
    }

    @Test
    void undoRedoAndRetryAtTheOriginalSayWhy(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);

        alice.say("call undo {}");
        alice.say("call redo {}");
        alice.say("call retry_with_new_seed {}");
        alice.say("call edit_image {}");

        assertThat(errors(alice)).extracting(Reply.Error::code)
                .containsExactly("nothing_to_undo", "nothing_to_redo", "nothing_to_retry", "empty_instruction");
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Queued);
    }

    @Test
    void anAspectOutsideOneToFourIsRefused(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);

        alice.say("call generate_image {\"prompt\": \"A tower\", \"aspect\": \"9:1\"}");

        assertThat(errors(alice)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("invalid_aspect");
            assertThat(e.message()).isEqualTo("The aspect ratio must be between 1:4 and 4:1.");
        });
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Queued);
    }

    /** Guidance 99 for one edit must be refused like guidance 99 in the settings, not fail later in the worker. */
    @Test
    void anEditWithGuidanceOutOfRangeIsRefusedBeforeItIsQueued(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);

        alice.say("call edit_image {\"instruction\": \"Make the sky blue\", \"guidance\": 99}");

        assertThat(errors(alice)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("invalid_settings");
            assertThat(e.message()).isEqualTo("Guidance must be between 0 and 20.");
        });
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Queued);
    }

    /**
     * Small local models often send a wrong argument type. That is the model's mistake: it should hear what was
     * wrong (a tool result) and may try again; the user must not get "Something went wrong on my side".
     */
    @Test
    void aMalformedArgumentGoesBackToTheModelInsteadOfFailingTheTurn(UnifiedJedis redis) {
        TestChats.Person alice = start(redis, false);
        int before = llm.requests().size();

        alice.say("call update_settings {\"steps\": \"many\"}");

        assertThat(errors(alice)).noneMatch(e -> e.code().equals("internal"));
        assertThat(llm.requests()).hasSize(before + 2);
        assertThat(llm.lastRequest().body().path("messages").get(llm.lastRequest().body().path("messages").size() - 1)
                .path("role").asText()).isEqualTo("tool");
    }
}

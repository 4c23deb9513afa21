package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.prompts.CombinedInstruction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * "Re-anchor by replay" through the rule-based agent, the job queue and the worker on the stand-in (a real ONNX
 * Runtime session) with a real Redis: the edits since the original run again as ONE edit of the original, and the
 * result is a new child of it beside the colour-matched version.
 */
@RedisTest
class ReplayFlowTest {

    private TestBot testBot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
    }

    private TestChats.Person alice(UnifiedJedis redis) {
        testBot = TestBot.start(redis, dir);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console-alice", "alice"));
        alice.say("steps 2");
        alice.nextText();
        return alice;
    }

    @Test
    void replayMakesOneChildOfTheRootWithTheCombinedInstruction(UnifiedJedis redis) {
        TestChats.Person alice = alice(redis);
        alice.say("make the sky purple", photo());
        Reply.Image v2 = alice.nextResult();
        String root = v2.parentVersionId().orElseThrow();
        alice.say("add a red hat");
        alice.nextResult();
        alice.say("add a red hat.");
        alice.nextResult();
        alice.say("re-anchor");
        Reply.Image v5 = alice.nextShown();
        assertThat(v5.versionNumber()).isEqualTo(5);
        // The colour fix offers the replay, so the user can pick between the two.
        assertThat(alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Re-anchored"), TestChats.WAIT)
                .text()).contains("say 'replay from the start'");

        alice.say("replay from the start");
        Reply.Text told = alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Replaying"), TestChats.WAIT);
        Reply.Image replayed = alice.nextResult();

        String expected = new CombinedInstruction().combine(List.of("make the sky purple", "add a red hat"))
                .instruction();
        assertThat(expected).isEqualTo("Make the sky purple and add a red hat");
        assertThat(told.text()).contains("2 edits from v1", "\"" + expected + "\"", "the colour-matched v5",
                "'go to v5'");
        String conv = testBot.core().conversationOf(alice.origin());
        List<Version> versions = testBot.store().history(conv).stream().map(e -> e.version()).toList();
        // One job, one step: a single new version, a child of the original.
        assertThat(versions).hasSize(6);
        Version made = versions.getLast();
        assertThat(made.id()).isEqualTo(replayed.versionId());
        assertThat(made.number()).isEqualTo(6);
        assertThat(made.parentId()).isEqualTo(root);
        assertThat(made.instructionSent()).isEqualTo(expected);
        assertThat(made.instructionTyped()).isEqualTo("make the sky purple, add a red hat");
        assertThat(replayed.caption()).contains(expected);
        assertThat(testBot.store().driftLog().of(conv, made.id())).isPresent();

        // The user picks: back to the colour-matched version.
        alice.say("go to v5");
        assertThat(alice.nextShown().versionNumber()).isEqualTo(5);
    }

    @Test
    void theOriginalHasNothingToReplay(UnifiedJedis redis) {
        TestChats.Person alice = alice(redis);
        alice.say("", photo());
        alice.nextShown();

        alice.say("re-anchor by replay");

        Reply.Error error = alice.nextError();
        assertThat(error.code()).isEqualTo("nothing_to_replay");
        assertThat(error.message()).contains("no edits to replay");
    }
}

package dev.kontextbot.core.tools;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.state.ConversationKeyPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** "forget" on the real bot (rule-based agent, real Redis, stand-in model): confirmed, guarded, and final. */
@RedisTest
class ForgetTest {

    private TestBot testBot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
    }

    private void start(UnifiedJedis redis, ConversationKeyPolicy policy, boolean worker) {
        BotCoreOptions defaults = BotCoreOptions.defaults(true);
        testBot = TestBot.start(redis, dir, new SimpleMeterRegistry(), new BotCoreOptions(policy, defaults.llm(),
                defaults.maxUploadBytes(), defaults.standIn(), defaults.modelName()), worker);
    }

    /** The bot's answer to "forget" (the question or the deletion), skipping other texts. */
    private static String text(TestChats.Person p) {
        return p.chat().await(Reply.Text.class, t -> t.text().startsWith("This deletes") || t.text().startsWith("Done"),
                TestChats.WAIT).text();
    }

    @Test
    void forgetMustBeSaidTwiceAndThenDeletesEverything(UnifiedJedis redis) {
        start(redis, ConversationKeyPolicy.PER_USER_IN_GROUPS, false);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        String conv = testBot.core().conversationOf(alice.origin());
        alice.say("", attachment("cat.png", png(64, 64)));
        alice.nextShown();

        alice.say("forget");
        assertThat(text(alice)).isEqualTo(ForgetTools.ASK);
        assertThat(testBot.store().history(conv)).hasSize(1);

        alice.say("forget");
        assertThat(text(alice)).startsWith("Done: I deleted every picture");
        assertThat(testBot.store().history(conv)).isEmpty();

        // A third "forget" starts a new question rather than deleting again silently.
        alice.say("forget");
        assertThat(text(alice)).isEqualTo(ForgetTools.ASK);
    }

    @Test
    void inASharedGroupConversationOnlyAnAdminCanForget(UnifiedJedis redis) {
        start(redis, ConversationKeyPolicy.SHARED_IN_GROUPS, false);
        ChatOrigin member = new ChatOrigin("telegram", "-100", Optional.empty(), new ChatUser("7", "member", false),
                false, Optional.of("-100"));
        ChatOrigin admin = new ChatOrigin("telegram", "-100", Optional.empty(), new ChatUser("8", "admin", true),
                false, Optional.of("-100"));
        TestChats.Person bob = TestChats.join(testBot.bot(), member);
        bob.say("", attachment("cat.png", png(64, 64)));
        bob.nextShown();
        String conv = testBot.core().conversationOf(member);

        bob.say("forget");
        bob.say("forget");
        Reply.Error refused = bob.chat().await(Reply.Error.class, e -> true, TestChats.WAIT);
        assertThat(refused.code()).isEqualTo("forget_admins_only");
        assertThat(refused.message()).contains("only an admin");
        assertThat(testBot.store().history(conv)).hasSize(1);

        // The admin's confirmation is their own: the member's request does not count for them.
        TestChats.Person carol = new TestChats.Person(testBot.bot(), admin, bob.chat());
        carol.say("forget");
        carol.say("forget");
        assertThat(testBot.store().history(conv)).isEmpty();
    }

    @Test
    void forgetCancelsUnfinishedJobsAndAFinishingJobBringsNothingBack(UnifiedJedis redis) throws Exception {
        start(redis, ConversationKeyPolicy.PER_USER_IN_GROUPS, true);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        String conv = testBot.core().conversationOf(alice.origin());

        // A long job, so "forget" certainly comes while it is queued or running.
        alice.say("steps 100");
        assertThat(alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Settings: 100 steps"),
                TestChats.WAIT)).isNotNull();
        alice.say("draw a red apple on a table");
        Reply.Queued queued = alice.chat().await(Reply.Queued.class, q -> true, TestChats.WAIT);
        alice.say("forget");
        alice.say("forget");
        String done = alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Done"), TestChats.WAIT).text();

        // Cancelled before it finished, or finished and refused: either way nothing of it is kept.
        Set<JobStatus> over = Set.of(JobStatus.CANCELLED, JobStatus.FAILED, JobStatus.DONE, JobStatus.EXPIRED);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JobStatus status = testBot.queue().record(queued.jobId()).orElseThrow().status();
        while (!over.contains(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = testBot.queue().record(queued.jobId()).orElseThrow().status();
        }
        assertThat(status).isIn(JobStatus.CANCELLED, JobStatus.FAILED);
        if (status == JobStatus.CANCELLED) {
            assertThat(done).contains("cancelled 1 unfinished edit");
        }
        assertThat(testBot.store().history(conv)).isEmpty();
        assertThat(redis.keys("kb:{" + conv + "}:blob:*")).isEmpty();
    }
}

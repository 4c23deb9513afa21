package dev.kontextbot.core.tools;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.JobRecord;
import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.RecordingPlatform;
import dev.kontextbot.core.testing.TestBot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Before: "cancel" looked at the speaker's own conversation only, so in per-user mode (the default) an admin could not
 * cancel another member's job, although docs/discord.md says admins can cancel any job.
 */
@RedisTest
class AdminCancelTest {

    private static ChatOrigin inGroup(ChatUser user) {
        return new ChatOrigin("discord", "channel-1", Optional.empty(), user, false, Optional.of("guild-1"));
    }

    @Test
    void anAdminCancelsAnotherMembersJobInAGroupAndAMemberCannot(UnifiedJedis redis, @TempDir Path dir) {
        try (TestBot bot = TestBot.start(redis, dir, new SimpleMeterRegistry(), BotCoreOptions.defaults(true), false)) {
            RecordingPlatform chat = new RecordingPlatform("discord");
            bot.bot().register(chat);
            TestChats.Person bob = new TestChats.Person(bot.bot(), inGroup(new ChatUser("bob", "Bob", false)), chat);
            TestChats.Person carol = new TestChats.Person(bot.bot(), inGroup(new ChatUser("carol", "Carol", false)),
                    chat);
            TestChats.Person admin = new TestChats.Person(bot.bot(), inGroup(new ChatUser("ada", "Ada", true)), chat);

            bob.say("make the sky blue", attachment("photo.png", png(320, 240)));
            String jobId = chat.await(Reply.Queued.class, q -> true, TestChats.WAIT).jobId();

            carol.say("cancel");
            assertThat(status(bot, jobId)).isEqualTo(JobStatus.QUEUED);

            admin.say("cancel");
            assertThat(status(bot, jobId)).isEqualTo(JobStatus.CANCELLED);
        }
    }

    private static JobStatus status(TestBot bot, String jobId) {
        return bot.queue().record(jobId).map(JobRecord::status).orElseThrow();
    }
}

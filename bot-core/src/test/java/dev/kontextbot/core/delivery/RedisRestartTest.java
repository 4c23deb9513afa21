package dev.kontextbot.core.delivery;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis restarted (data kept) under a running bot. Before: the next edit finished, but the progress subscription
 * had ended ("Progress subscription for web ended") and nothing resubscribed, so no user saw progress again until
 * the bot restarted.
 */
@RedisTest
class RedisRestartTest {

    @TempDir
    Path dir;

    @Test
    void afterARedisRestartTheNextEditShowsLiveProgressAndItsResult(RedisServerProcess server) throws Exception {
        try (UnifiedJedis redis = RedisConnector.open(server.url()); TestBot bot = TestBot.start(redis, dir)) {
            TestChats.Person alice = TestChats.join(bot.bot(), TestChats.privateChat("web", "alice"));
            alice.say("make the sky blue", attachment("photo.png", png(320, 240)));
            Reply.Image first = alice.nextResult();
            assertThat(alice.chat().all()).filteredOn(Reply.Progress.class::isInstance)
                    .extracting(r -> ((Reply.Progress) r).jobId()).contains(first.jobId().orElseThrow());

            server.restart();

            alice.say("now add sunglasses");
            Reply.Progress progress = alice.chat().await(Reply.Progress.class,
                    p -> !p.jobId().equals(first.jobId().orElseThrow()), TestChats.WAIT);
            Reply.Image second = alice.nextResult();
            assertThat(second.jobId()).contains(progress.jobId());
            assertThat(second.parentVersionId()).contains(first.versionId());
        }
    }
}

package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** One lane per chat: a chat that does not take its messages (a flood-limit wait, a hung upload) stalls no other. */
@RedisTest
class DeliveryLanesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int PER_LANE = 2;

    private static JobSpec inChat(String user, String chat) {
        return new JobSpec(null, "conv-" + user, new Requester(user, null),
                new DeliveryTarget(JobFixtures.PLATFORM, chat, "msg-1", null, null,
                        Instant.parse("2026-11-27T15:00:00Z"), "@" + user),
                EditRecipe.of(JobKind.EDIT, "v-base", new EditStep("make it blue", "Make the car blue.")),
                new Sampling(42, 4, 2.5, new OutputSize(512, 512)));
    }

    private static String finishIn(JobQueue queue, String user, String chat) {
        String jobId = ((SubmitResult.Accepted) queue.submit(inChat(user, chat))).jobId();
        queue.cancel(jobId, user, false);
        return jobId;
    }

    @Test
    void aStalledChatHoldsUpNoOtherAndGetsAllItsResultsInOrderOnceItMovesAgain(UnifiedJedis redis)
            throws InterruptedException {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        List<String> toSlow = new CopyOnWriteArrayList<>();
        List<String> toOthers = new CopyOnWriteArrayList<>();
        DeliveryConsumer.Options options = new DeliveryConsumer.Options(Duration.ofHours(1), Duration.ofMillis(50),
                Duration.ofMinutes(1), Clock.systemUTC());
        List<String> slowJobs = new ArrayList<>();
        List<String> otherJobs = new ArrayList<>();
        try (DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", c -> {
            if (c.spec().delivery().chatId().equals("chat-slow")) {
                stalled.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                toSlow.add(c.jobId());
            } else {
                toOthers.add(c.jobId());
            }
        }, options, c -> c.spec().delivery().chatId(), PER_LANE)) {
            frontEnd.start();
            slowJobs.add(finishIn(queue, "sam", "chat-slow"));
            assertThat(stalled.await(15, TimeUnit.SECONDS)).isTrue();
            // One being sent, PER_LANE waiting, the rest stay in the stream: more than a full lane.
            for (int i = 0; i < PER_LANE + 3; i++) {
                slowJobs.add(finishIn(queue, "sam", "chat-slow"));
            }
            for (int u = 0; u < 6; u++) {
                otherJobs.add(finishIn(queue, "user-" + u, "chat-" + u));
            }
            await("the other chats' results, while chat-slow is stalled", WAIT,
                    () -> toOthers.size() == otherJobs.size());
            assertThat(toSlow).isEmpty();

            released.countDown();
            await("chat-slow's results", WAIT, () -> toSlow.size() == slowJobs.size());
            Thread.sleep(200); // a repeated delivery would show up now
        }
        assertThat(toOthers).containsExactlyInAnyOrderElementsOf(otherJobs);
        assertThat(toSlow).as("each once, in the order they finished").containsExactlyElementsOf(slowJobs);
        assertThat(redis.xlen(JobKeys.deliveries(JobFixtures.PLATFORM))).isZero();
    }
}

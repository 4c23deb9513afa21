package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A worker whose heartbeat stopped (the kill drill's false refusal): its running and prefetched jobs stop counting
 * toward their user's cap at once, and another worker takes them over without waiting for the lease.
 */
@RedisTest
class SilentWorkerTest {

    /** Far longer than the test: nothing here happens because a lease ran out. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration SILENCE = Duration.ofMillis(300);

    @Test
    void theJobsOfAWorkerWhoseHeartbeatStoppedNoLongerCountTowardTheUsersCap(UnifiedJedis redis)
            throws InterruptedException {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 2, LEASE));
        queue.submit(spec("ann"));
        queue.submit(spec("ann"));
        JobQueue.Held running = queue.claim("w-dead", Duration.ofMillis(10)).orElseThrow();
        assertThat(queue.start(running)).isPresent();
        JobQueue.Held prefetched = queue.claim("w-dead", Duration.ofMillis(10)).orElseThrow();
        queue.heartbeat("w-dead", List.of(running, prefetched), SILENCE);

        assertThat(queue.submit(spec("ann"))).as("both jobs held by a live worker")
                .isInstanceOfSatisfying(SubmitResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.USER_CAP));

        Thread.sleep(SILENCE.toMillis() + 200); // w-dead sends no heartbeat again: SIGKILLed
        assertThat(queue.submit(spec("ann"))).as("the dead worker's jobs stopped counting")
                .isInstanceOf(SubmitResult.Accepted.class);
        assertThat(queue.submit(spec("ann"))).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(queue.submit(spec("ann"))).as("the two new jobs count")
                .isInstanceOfSatisfying(SubmitResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.USER_CAP));
    }

    @Test
    void aLiveWorkersJobsKeepCounting(UnifiedJedis redis) throws InterruptedException {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 1, LEASE));
        queue.submit(spec("bob"));
        JobQueue.Held held = queue.claim("w-live", Duration.ofMillis(10)).orElseThrow();
        for (int i = 0; i < 4; i++) {
            queue.heartbeat("w-live", List.of(held), SILENCE);
            Thread.sleep(SILENCE.toMillis() / 3);
        }
        queue.heartbeat("w-live", List.of(held), SILENCE);

        assertThat(queue.submit(spec("bob"))).isInstanceOfSatisfying(SubmitResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.USER_CAP));
        assertThat(queue.claim("w-other", Duration.ofMillis(10))).as("a live worker's job is not taken").isEmpty();
    }

    @Test
    void anotherWorkerTakesOverTheJobsOfASilentWorkerBeforeTheLeaseEnds(UnifiedJedis redis)
            throws InterruptedException {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, LEASE));
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("cy"))).jobId();
        JobQueue.Held dead = queue.claim("w-dead", Duration.ofMillis(10)).orElseThrow();
        queue.heartbeat("w-dead", List.of(dead), SILENCE);
        assertThat(queue.claim("w-other", Duration.ofMillis(10))).as("still heard from").isEmpty();

        Thread.sleep(SILENCE.toMillis() + 200);
        JobQueue.Held taken = queue.claim("w-other", Duration.ofMillis(10)).orElseThrow();

        assertThat(taken.job().jobId()).isEqualTo(jobId);
        assertThat(taken.job().attempt()).isEqualTo(2);
        assertThat(queue.heartbeat("w-dead", List.of(dead), SILENCE)).as("the silent worker lost it")
                .containsExactly(-1L);
        assertThat(queue.claim("w-third", Duration.ofMillis(10))).as("taken once, by one worker").isEmpty();
    }
}

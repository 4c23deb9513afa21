package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class JobQueueTest {

    private static String accepted(SubmitResult r) {
        assertThat(r).isInstanceOf(SubmitResult.Accepted.class);
        return ((SubmitResult.Accepted) r).jobId();
    }

    @Test
    void aSubmittedJobIsQueuedWithItsSpecAndPosition(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String first = accepted(queue.submit(spec("ann")));
        SubmitResult second = queue.submit(spec("bob"));

        JobRecord record = queue.record(first).orElseThrow();
        assertThat(record.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(record.attempts()).isZero();
        assertThat(record.spec().jobId()).isEqualTo(first);
        assertThat(record.spec().delivery().interactionToken()).isEqualTo("secret-token");
        assertThat(record.spec().delivery().tokenExpiresAt()).isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
        assertThat(record.queuedAt()).isNotNull();
        assertThat(((SubmitResult.Accepted) second).position().ahead()).isEqualTo(1);
        // No job has finished yet and no worker is alive: two rounds of the default duration.
        assertThat(queue.position(((SubmitResult.Accepted) second).jobId()).orElseThrow().eta())
                .isEqualTo(JobQueue.DEFAULT_JOB_DURATION.multipliedBy(2));
        assertThat(queue.metrics().queued()).isEqualTo(2);
        assertThat(queue.record("job-unknown")).isEmpty();
    }

    @Test
    void theSameSubmitSentTwiceQueuesOneJob(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        // as RedisGuard sends it again when a failover ate the first reply
        accepted(queue.submit(spec("ann"), "job-retried"));
        accepted(queue.submit(spec("ann"), "job-retried"));

        assertThat(queue.metrics().queued()).isEqualTo(1);
        assertThat(queue.record("job-retried").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void aFullQueueTurnsJobsAwayWithWhenToRetry(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(2, 100, Duration.ofSeconds(1)));
        accepted(queue.submit(spec("ann")));
        accepted(queue.submit(spec("bob")));

        SubmitResult third = queue.submit(spec("cat"));

        assertThat(third).isInstanceOfSatisfying(SubmitResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.QUEUE_FULL);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            // The words ("The queue is full right now. Please try again in 30 seconds.") are bot-core's: StateWordsTest.
        });
        assertThat(queue.metrics().queued()).isEqualTo(2);
    }

    @Test
    void aUserMayHaveOnlySoManyJobsInProgress(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 2, Duration.ofSeconds(1)));
        String first = accepted(queue.submit(spec("ann")));
        accepted(queue.submit(spec("ann")));

        assertThat(queue.submit(spec("ann"))).isInstanceOfSatisfying(SubmitResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.USER_CAP);
            assertThat(r.perUserActive()).isEqualTo(2);
        });
        accepted(queue.submit(spec("bob")));

        queue.cancel(first, "ann", false);
        accepted(queue.submit(spec("ann")));
    }

    @Test
    void theUserTokenBucketLimitsTheRateAndRefills(UnifiedJedis redis) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        JobLimits limits = new JobLimits(100, 100, new TokenBucket(2, Duration.ofSeconds(10)),
                new TokenBucket(100, Duration.ofSeconds(1)), 2, Duration.ofSeconds(1), Duration.ofHours(1));
        JobQueue queue = new JobQueue(redis, clock, limits);
        accepted(queue.submit(spec("ann")));
        accepted(queue.submit(spec("ann")));

        assertThat(queue.submit(spec("ann"))).isInstanceOfSatisfying(SubmitResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.RATE_LIMITED);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            assertThat(r.byGroup()).isFalse();
        });
        accepted(queue.submit(spec("bob")));

        clock.advance(Duration.ofSeconds(4));
        assertThat(((SubmitResult.Rejected) queue.submit(spec("ann"))).retryAfter()).isEqualTo(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        accepted(queue.submit(spec("ann")));
    }

    @Test
    void theGroupTokenBucketIsSharedByItsMembersAndByEveryQueueInstance(UnifiedJedis redis) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        JobLimits limits = new JobLimits(100, 100, new TokenBucket(100, Duration.ofSeconds(1)),
                new TokenBucket(2, Duration.ofMinutes(1)), 2, Duration.ofSeconds(1), Duration.ofHours(1));
        JobQueue frontEndA = new JobQueue(redis, clock, limits);
        JobQueue frontEndB = new JobQueue(redis, clock, limits);
        accepted(frontEndA.submit(spec("ann", "guild-1", 4)));
        accepted(frontEndB.submit(spec("bob", "guild-1", 4)));

        assertThat(frontEndA.submit(spec("cat", "guild-1", 4))).isInstanceOfSatisfying(SubmitResult.Rejected.class,
                r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.RATE_LIMITED);
                    assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(r.byGroup()).isTrue();
                });
        accepted(frontEndA.submit(spec("cat", "guild-2", 4)));
    }

    @Test
    void aUsersBacklogWaitsOutsideTheStreamSoOthersAreNotHeldBack(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        List<String> annJobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            annJobs.add(accepted(queue.submit(spec("ann"))));
        }
        String bobJob = accepted(queue.submit(spec("bob")));

        // Only ann's first job sits in the dispatch stream ahead of bob's.
        assertThat(queue.position(bobJob).orElseThrow().ahead()).isEqualTo(1);
        assertThat(queue.position(annJobs.get(0)).orElseThrow().ahead()).isZero();
        // ann's 4th job (3rd waiting) passes after 3 rounds of the 2 users in the stream.
        assertThat(queue.position(annJobs.get(3)).orElseThrow().ahead()).isEqualTo(6);
        assertThat(redis.xlen(JobKeys.DISPATCH)).isEqualTo(2);
        assertThat(queue.metrics().queued()).isEqualTo(6);
    }

    @Test
    void aQueuedJobIsCancelledByItsOwnerOrAnAdminOnly(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String inStream = accepted(queue.submit(spec("ann")));
        String waiting = accepted(queue.submit(spec("ann")));
        String bobs = accepted(queue.submit(spec("bob")));

        assertThat(queue.cancel(inStream, "bob", false)).isEqualTo(new CancelResult.Refused(inStream));
        assertThat(queue.cancel(inStream, "ann", false)).isInstanceOf(CancelResult.Removed.class);
        assertThat(queue.cancel(bobs, "mod", true)).isInstanceOf(CancelResult.Removed.class);
        assertThat(queue.cancel(bobs, "bob", false)).isInstanceOfSatisfying(CancelResult.AlreadyFinished.class,
                r -> assertThat(r.status()).isEqualTo(JobStatus.CANCELLED));
        assertThat(queue.cancel("job-none", "ann", false)).isInstanceOf(CancelResult.NotFound.class);

        JobRecord record = queue.record(inStream).orElseThrow();
        assertThat(record.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(JobFailure.read(record.errorCode(), record.errorMessage())).isEqualTo(new JobFailure.Cancelled(true));
        // ann's waiting job moved into the stream in place of the cancelled one, which is gone from it.
        assertThat(queue.position(waiting).orElseThrow().ahead()).isZero();
        assertThat(redis.xrange(JobKeys.DISPATCH, "-", "+")).extracting(e -> e.getFields().get("job"))
                .containsExactly(waiting);
        assertThat(redis.xlen(JobKeys.deliveries(JobFixtures.PLATFORM))).isEqualTo(2);
        QueueMetrics m = queue.metrics();
        assertThat(m.queued()).isEqualTo(1);
        assertThat(m.cancelled()).isEqualTo(2);
    }

    @Test
    void aWaitingJobCancelledLeavesTheUsersOtherJobsInOrder(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String first = accepted(queue.submit(spec("ann")));
        String second = accepted(queue.submit(spec("ann")));
        String third = accepted(queue.submit(spec("ann")));

        assertThat(queue.cancel(second, "ann", false)).isInstanceOf(CancelResult.Removed.class);

        assertThat(redis.lrange(JobKeys.waiting("ann"), 0, -1)).containsExactly(third);
        assertThat(queue.position(first).orElseThrow().ahead()).isZero();
        assertThat(queue.record(second).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void badInputIsATypedErrorInPlainWords() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobSpec(null, "c", new Requester("ann", null),
                new DeliveryTarget("web", null, null, null, null, null, null),
                EditRecipe.of(JobKind.EDIT, null, new EditStep("x", "x")), Sampling.of(1, 28, 2.5)))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("An edit needs a picture to start from");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryTarget("Discord!", null, null, null,
                null, null, null)).isInstanceOf(InvalidJobException.class);
        assertThat(spec("ann").delivery().toString()).doesNotContain("secret-token");
    }
}

package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * Every state a front end can die in between reading a result and recording it delivered, built in Redis as the dead
 * front end leaves it, then met by a live front end ({@code fe-live}) once the entry is abandoned. A send that may
 * have happened is handed over as {@link Completion#maybeDelivered}; one that cannot have happened is not; one that
 * was recorded is not handed over again; a live front end's slow send is never taken over.
 */
@RedisTest
class DeliveryCrashStatesTest {

    private static final Duration CLAIM_IDLE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String STREAM = JobKeys.deliveries(JobFixtures.PLATFORM);

    private static DeliveryConsumer.Options options() {
        return new DeliveryConsumer.Options(Duration.ofHours(1), Duration.ofMillis(50), CLAIM_IDLE, Clock.systemUTC());
    }

    /** One finished job whose completion waits in the stream. */
    private static String finishOne(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann"))).jobId();
        queue.cancel(jobId, "ann", false);
        return jobId;
    }

    /** The dead front end read the entry (it is pending for it) and did nothing more. */
    private static void readByDeadFrontEnd(UnifiedJedis redis) {
        DeliveryConsumer ensureGroup = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-dead", c -> { },
                options());
        ensureGroup.close();
        redis.xreadGroup(JobKeys.DELIVERY_GROUP, "fe-dead", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    }

    private static List<Completion> deliverAfterAbandoned(UnifiedJedis redis) throws InterruptedException {
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        DeliveryConsumer live = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-live", delivered::add, options());
        assertThat(live.pollOnce()).as("not taken over while the dead front end's entry is fresh").isZero();
        Thread.sleep(CLAIM_IDLE.toMillis() + 100);
        live.pollOnce();
        live.pollOnce();
        assertThat(redis.xpending(STREAM, JobKeys.DELIVERY_GROUP).getTotal()).as("acknowledged").isZero();
        return delivered;
    }

    @Test
    void diedAfterReadingBeforeSendingItIsDeliveredAsNew(UnifiedJedis redis) throws InterruptedException {
        String jobId = finishOne(redis);
        readByDeadFrontEnd(redis);

        List<Completion> delivered = deliverAfterAbandoned(redis);

        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.jobId()).isEqualTo(jobId);
            assertThat(c.maybeDelivered()).as("nothing was sent").isFalse();
        });
    }

    @Test
    void diedWhileSendingItIsDeliveredMarkedAsMaybeDeliveredAlready(UnifiedJedis redis) throws InterruptedException {
        String jobId = finishOne(redis);
        readByDeadFrontEnd(redis);
        redis.set(JobKeys.sending(JobFixtures.PLATFORM, jobId), "fe-dead"); // set just before the platform call

        List<Completion> delivered = deliverAfterAbandoned(redis);

        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.jobId()).isEqualTo(jobId);
            assertThat(c.maybeDelivered()).isTrue();
        });
        assertThat(redis.exists(JobKeys.sending(JobFixtures.PLATFORM, jobId))).as("cleared once delivered").isFalse();
        assertThat(redis.exists(JobKeys.delivered(JobFixtures.PLATFORM, jobId))).isTrue();
    }

    @Test
    void diedAfterThePlatformTookItBeforeTheMarkerTheSecondCopySaysSo(UnifiedJedis redis) throws InterruptedException {
        String jobId = finishOne(redis);
        List<String> platform = new CopyOnWriteArrayList<>();
        DeliveryConsumer dying = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-dead", c -> {
            platform.add(c.jobId() + (c.maybeDelivered() ? " (maybe again)" : ""));
            throw new ProcessDied(); // the process ends here: nothing after the platform call runs
        }, options());
        assertThatThrownBy(dying::pollOnce).isInstanceOf(ProcessDied.class);

        List<Completion> delivered = deliverAfterAbandoned(redis);
        delivered.forEach(c -> platform.add(c.jobId() + (c.maybeDelivered() ? " (maybe again)" : "")));

        assertThat(platform).containsExactly(jobId, jobId + " (maybe again)");
    }

    @Test
    void diedAfterRecordingItIsNotHandedOverAgain(UnifiedJedis redis) throws InterruptedException {
        String jobId = finishOne(redis);
        List<Completion> first = new CopyOnWriteArrayList<>();
        new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-dead", first::add, options()).pollOnce();
        assertThat(first).extracting(Completion::jobId).containsExactly(jobId);

        assertThat(deliverAfterAbandoned(redis)).as("marker and acknowledgement are one step").isEmpty();
        assertThat(redis.xlen(STREAM)).isZero();
    }

    @Test
    void diedBetweenMarkerAndAcknowledgementOfAnOlderVersionItIsNotHandedOverAgain(UnifiedJedis redis)
            throws InterruptedException {
        String jobId = finishOne(redis);
        readByDeadFrontEnd(redis);
        redis.set(JobKeys.sending(JobFixtures.PLATFORM, jobId), "fe-dead");
        redis.set(JobKeys.delivered(JobFixtures.PLATFORM, jobId), "1");

        assertThat(deliverAfterAbandoned(redis)).isEmpty();
    }

    @Test
    void aLiveFrontEndsSlowSendIsNotTakenOverHoweverLongItWaits(UnifiedJedis redis) throws Exception {
        String jobId = finishOne(redis);
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch floodLimitOver = new CountDownLatch(1);
        List<Completion> slowSent = new CopyOnWriteArrayList<>();
        List<Completion> otherSent = new CopyOnWriteArrayList<>();
        try (DeliveryConsumer slow = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-slow", c -> {
            sending.countDown();
            try {
                // A flood-limit wait (Telegram's retry_after, four tries) far longer than the takeover idle time.
                floodLimitOver.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowSent.add(c);
        }, options());
                DeliveryConsumer other = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-other", otherSent::add,
                        options())) {
            slow.start();
            assertThat(sending.await(15, TimeUnit.SECONDS)).isTrue();
            other.start();
            Thread.sleep(CLAIM_IDLE.multipliedBy(5).toMillis());
            assertThat(otherSent).as("another front end took a delivery still being sent").isEmpty();
            floodLimitOver.countDown();
            await("sent by the slow front end", WAIT, () -> !slowSent.isEmpty());
        }
        assertThat(slowSent).singleElement().satisfies(c -> {
            assertThat(c.jobId()).isEqualTo(jobId);
            assertThat(c.maybeDelivered()).isFalse();
        });
        assertThat(otherSent).isEmpty();
    }

    @Test
    void aSendThatFailedIsTriedAgainSayingItMayHaveArrived(UnifiedJedis redis) {
        finishOne(redis);
        List<Completion> offered = new CopyOnWriteArrayList<>();
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", c -> {
            offered.add(c);
            if (offered.size() == 1) {
                throw new IllegalStateException("the upload timed out; the platform may have it");
            }
        }, options());

        frontEnd.pollOnce();
        frontEnd.pollOnce();

        assertThat(offered).extracting(Completion::maybeDelivered).containsExactly(false, true);
    }

    /** Stands for the process ending: not a RuntimeException, so nothing in the consumer handles it. */
    private static final class ProcessDied extends Error {
        ProcessDied() {
            super("process ended");
        }
    }
}

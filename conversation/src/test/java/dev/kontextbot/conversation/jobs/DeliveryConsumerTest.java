package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.fastWorker;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadGroupParams;

@RedisTest
class DeliveryConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static DeliveryConsumer.Options quick(Clock clock) {
        return new DeliveryConsumer.Options(Duration.ofHours(1), Duration.ofMillis(50), Duration.ofMinutes(1), clock);
    }

    /** Finishes one job (cancelled while queued: the quickest way to a completion). */
    private static String finishOne(JobQueue queue, String user) {
        String jobId = ((SubmitResult.Accepted) queue.submit(spec(user))).jobId();
        queue.cancel(jobId, user, false);
        return jobId;
    }

    @Test
    void aResultFinishedWhileTheFrontEndWasDownIsDeliveredWhenItStartsAndOnlyOnce(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann"))).jobId();
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", new ApplyOnceHandler(redis, Duration.ofMillis(1)),
                fastWorker())) {
            worker.start();
            await("job done with no front end up", WAIT,
                    () -> queue.record(jobId).map(r -> r.status() == JobStatus.DONE).orElse(false));
        }

        List<Completion> delivered = new CopyOnWriteArrayList<>();
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add,
                quick(Clock.systemUTC()));
        assertThat(frontEnd.pollOnce()).isEqualTo(1);
        frontEnd.close();
        DeliveryConsumer restarted = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add,
                quick(Clock.systemUTC()));
        assertThat(restarted.pollOnce()).isZero();
        DeliveryConsumer otherReplica = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-2", delivered::add,
                quick(Clock.systemUTC()));
        assertThat(otherReplica.pollOnce()).isZero();

        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.jobId()).isEqualTo(jobId);
            assertThat(c.status()).isEqualTo(JobStatus.DONE);
            assertThat(c.versionId()).isEqualTo("v-" + jobId + "-w-1");
            assertThat(c.errorCode()).isNull();
        });
    }

    @Test
    void aDeliveryThatFailedIsOfferedAgain(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String jobId = finishOne(queue, "ann");
        AtomicInteger calls = new AtomicInteger();
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", c -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("platform API timed out");
            }
            delivered.add(c);
        }, quick(Clock.systemUTC()));

        assertThat(frontEnd.pollOnce()).isZero();
        assertThat(frontEnd.pollOnce()).isEqualTo(1);
        assertThat(frontEnd.pollOnce()).isZero();

        assertThat(delivered).extracting(Completion::jobId).containsExactly(jobId);
        assertThat(JobFailure.read(delivered.getFirst().errorCode(), delivered.getFirst().message()))
                .isEqualTo(new JobFailure.Cancelled(true));
    }

    @Test
    void anEntryReadAgainAfterACrashBetweenDeliveryAndAckIsNotDeliveredTwice(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String jobId = finishOne(queue, "ann");
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add,
                quick(Clock.systemUTC()));
        // The state a crash leaves: the entry read by fe-1 and delivered (marker written) but not acknowledged.
        redis.xreadGroup(JobKeys.DELIVERY_GROUP, "fe-1", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(JobKeys.deliveries(JobFixtures.PLATFORM), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        redis.set(JobKeys.delivered(JobFixtures.PLATFORM, jobId), "1");
        assertThat(redis.xpending(JobKeys.deliveries(JobFixtures.PLATFORM), JobKeys.DELIVERY_GROUP).getTotal())
                .isEqualTo(1);

        assertThat(frontEnd.pollOnce()).isZero();

        assertThat(delivered).isEmpty();
        assertThat(redis.xpending(JobKeys.deliveries(JobFixtures.PLATFORM), JobKeys.DELIVERY_GROUP).getTotal())
                .isZero();
    }

    @Test
    void anUndeliverableResultExpires(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        finishOne(queue, "ann");
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        Clock twoDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add,
                quick(twoDaysLater));

        assertThat(frontEnd.pollOnce()).isZero();

        assertThat(delivered).isEmpty();
        assertThat(redis.xlen(JobKeys.deliveries(JobFixtures.PLATFORM))).isZero();
    }

    @Test
    void eachPlatformHasItsOwnStream(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        finishOne(queue, "ann");
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        DeliveryConsumer discord = new DeliveryConsumer(redis, "discord", "fe-1", delivered::add,
                quick(Clock.systemUTC()));

        assertThat(discord.pollOnce()).isZero();
        assertThat(delivered).isEmpty();
    }

    /**
     * Before: the entry was parsed outside the handler's try block and the consumer re-read its pending entries
     * first, so one bad entry failed every round for a day (forever with an unreadable finishedAt).
     */
    @Test
    void unreadableEntriesGoToTheDeadLetterStreamAndTheGoodOnesAreStillDelivered(UnifiedJedis redis) {
        String stream = JobKeys.deliveries(JobFixtures.PLATFORM);
        DeliveryConsumer.Options options = quick(Clock.systemUTC());
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add, options);
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", "bad-time", "status", "DONE", "spec", "{}",
                "finishedAt", "yesterday"));
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", "bad-spec", "status", "DONE", "spec", "{not json"));
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", "bad-status", "status", "EXPLODED", "spec", "{}"));
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", "no-spec", "status", "DONE"));
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String good = finishOne(queue, "ann");

        assertThat(frontEnd.pollOnce()).isEqualTo(1);
        assertThat(frontEnd.pollOnce()).isZero();

        assertThat(delivered).extracting(Completion::jobId).containsExactly(good);
        assertThat(redis.xpending(stream, JobKeys.DELIVERY_GROUP).getTotal()).isZero();
        assertThat(redis.xlen(stream)).isZero();
        var dead = redis.xrange(JobKeys.deadLetters(JobFixtures.PLATFORM), (StreamEntryID) null, null);
        assertThat(dead).extracting(e -> e.getFields().get("job"))
                .containsExactly("bad-time", "bad-spec", "bad-status", "no-spec");
        assertThat(dead).allSatisfy(e -> assertThat(e.getFields().get("deadReason")).isNotBlank());

        // A bad entry that arrives later does not hold back the next good one either.
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", "late-bad", "status", "DONE", "spec", "[]"));
        String next = finishOne(queue, "bob");
        assertThat(frontEnd.pollOnce()).isEqualTo(1);
        assertThat(delivered).extracting(Completion::jobId).containsExactly(good, next);
    }
}

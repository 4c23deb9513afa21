package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.fastWorker;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class JobLeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration LEASE = Duration.ofMillis(500);

    private static String submit(JobQueue queue, JobSpec spec) {
        return ((SubmitResult.Accepted) queue.submit(spec)).jobId();
    }

    @Test
    void aWorkerThatWentSilentLosesItsJobAndCannotRecordItsOutcomeAfterwards(UnifiedJedis redis)
            throws InterruptedException {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, LEASE));
        String jobId = submit(queue, spec("ann"));
        JobQueue.Held silent = queue.claim("w-silent", Duration.ofMillis(10)).orElseThrow();
        assertThat(queue.start(silent)).get().extracting(JobQueue.Started::attempt).isEqualTo(1);

        assertThat(queue.claim("w-other", Duration.ofMillis(10))).as("still within the lease").isEmpty();
        Thread.sleep(LEASE.toMillis() + 100);
        JobQueue.Held taken = queue.claim("w-other", Duration.ofMillis(10)).orElseThrow();

        assertThat(taken.job().jobId()).isEqualTo(jobId);
        assertThat(taken.job().attempt()).isEqualTo(2);
        assertThat(queue.heartbeat("w-silent", List.of(silent))).containsExactly(-1L);
        assertThat(queue.finish(silent, JobStatus.DONE, "v-silent", null, Duration.ofSeconds(1))).isFalse();
        assertThat(queue.record(jobId).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(queue.record(jobId).orElseThrow().workerId()).isEqualTo("w-other");

        assertThat(queue.start(taken)).isPresent();
        assertThat(queue.finish(taken, JobStatus.DONE, "v-other", null, Duration.ofSeconds(1))).isTrue();
        assertThat(queue.record(jobId).orElseThrow().versionId()).isEqualTo("v-other");
        assertThat(redis.xlen(JobKeys.deliveries(JobFixtures.PLATFORM))).isEqualTo(1);
    }

    @Test
    void aWorkersOwnRunningJobThatItNoLongerHoldsRunsAgainAfterTheLease(UnifiedJedis redis)
            throws InterruptedException {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, LEASE));
        String jobId = submit(queue, spec("ann"));
        JobQueue.Held first = queue.claim("w-1", Duration.ofMillis(10)).orElseThrow();
        assertThat(queue.start(first)).isPresent();

        Thread.sleep(LEASE.toMillis() + 100);
        assertThat(queue.claim("w-1", Duration.ofMillis(10), id -> true)).as("a late heartbeat: still its job")
                .isEmpty();
        Thread.sleep(LEASE.toMillis() + 100);
        JobQueue.Held orphan = queue.claim("w-1", Duration.ofMillis(10), id -> false).orElseThrow();

        assertThat(orphan.job().jobId()).isEqualTo(jobId);
        assertThat(orphan.job().attempt()).isEqualTo(2);
    }

    @Test
    void anOutcomeMetByAnOutageIsRecordedWhenRedisIsBackAndTheJobRunsOnce(UnifiedJedis redis,
            RedisServerProcess server) {
        RedisServerExtension.assumeSingleServer();
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, LEASE));
        String jobId = submit(queue, spec("ann"));
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        JobHandler stopsRedisAtTheEnd = JobFixtures.handler(job -> {
            runs.incrementAndGet();
            // Redis goes away between the edit and the recording of its outcome, and is back a second later.
            server.stop();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                server.restart();
            });
            return new JobOutcome.Succeeded("v-" + job.jobId());
        });
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", stopsRedisAtTheEnd, fastWorker())) {
            worker.start();
            await("the outcome recorded", WAIT, () -> {
                try {
                    return queue.record(jobId).map(r -> r.status() == JobStatus.DONE).orElse(false);
                } catch (dev.kontextbot.conversation.redis.StoreUnavailableException e) {
                    return false;
                }
            });
        }
        assertThat(runs).hasValue(1);
        assertThat(queue.record(jobId).orElseThrow().attempts()).isEqualTo(1);
        assertThat(queue.record(jobId).orElseThrow().versionId()).isEqualTo("v-" + jobId);
    }

    @Test
    void heartbeatsKeepAJobLongerThanTheLeaseWithItsWorker(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, LEASE));
        String jobId = submit(queue, spec("ann", null, 30));
        List<String> executedBy = new CopyOnWriteArrayList<>();
        JobHandler slow = new JobHandler() {
            private final ApplyOnceHandler inner = new ApplyOnceHandler(redis, Duration.ofMillis(60));

            @Override
            public Object prepare(ClaimedJob job) {
                return null;
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter p, CancellationFlag c)
                    throws InterruptedException {
                executedBy.add(job.workerId());
                return inner.execute(job, prepared, p, c);
            }
        };
        JobWorker.Options heartbeatEvery150ms = new JobWorker.Options(Duration.ofMillis(100), true,
                Duration.ofMillis(150));
        try (JobWorker first = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", slow, heartbeatEvery150ms)) {
            first.start();
            await("w-1 running the job", WAIT, () -> !executedBy.isEmpty());
            try (JobWorker second = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-2", slow, heartbeatEvery150ms)) {
                second.start();
                // 30 steps x 60 ms is well over three leases: only heartbeats keep w-2 away.
                await("job done", WAIT,
                        () -> queue.record(jobId).map(r -> r.status() == JobStatus.DONE).orElse(false));
            }
        }
        assertThat(executedBy).containsExactly("w-1");
        assertThat(queue.record(jobId).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aJobThatWaitedLongerThanResultsAreKeptExpires(UnifiedJedis redis) {
        JobLimits limits = limits(100, 100, LEASE);
        JobQueue frontEnd = new JobQueue(redis, Clock.systemUTC(), limits);
        String jobId = submit(frontEnd, spec("ann"));
        Clock muchLater = Clock.fixed(Instant.now().plus(limits.resultTtl()).plusSeconds(60), ZoneOffset.UTC);
        JobQueue workerSide = new JobQueue(redis, muchLater, limits);

        assertThat(workerSide.claim("w-1", Duration.ofMillis(10))).isEmpty();

        JobRecord record = frontEnd.record(jobId).orElseThrow();
        assertThat(record.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(JobFailure.read(record.errorCode(), record.errorMessage())).isEqualTo(new JobFailure.Expired());
        assertThat(frontEnd.metrics().expired()).isEqualTo(1);
        assertThat(frontEnd.metrics().queued()).isZero();
    }

    @Test
    void aWorkerCarriesOnAfterRedisWasRestarted(UnifiedJedis redis, RedisServerProcess server) {
        // One server stopped is an outage; on the cluster pass its replica takes over (RedisClusterTest covers that).
        RedisServerExtension.assumeSingleServer();
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, LEASE));
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", new ApplyOnceHandler(redis, Duration.ofMillis(1)),
                fastWorker())) {
            worker.start();
            String before = submit(queue, spec("ann"));
            await("first job done", WAIT,
                    () -> queue.record(before).map(r -> r.status() == JobStatus.DONE).orElse(false));

            server.restart();

            String after = submitWhenRedisIsBack(queue, spec("bob"));
            await("job after the restart done", WAIT, () -> {
                try {
                    return queue.record(after).map(r -> r.status() == JobStatus.DONE).orElse(false);
                } catch (dev.kontextbot.conversation.redis.StoreUnavailableException e) {
                    return false; // this test's own pooled connections reconnecting
                }
            });
        }
    }

    /** Pooled connections fail once after a restart before reconnecting. */
    private static String submitWhenRedisIsBack(JobQueue queue, JobSpec spec) {
        for (int attempt = 1; ; attempt++) {
            try {
                return submit(queue, spec);
            } catch (dev.kontextbot.conversation.redis.StoreUnavailableException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}

package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The kill drill's lost results: a worker JVM killed at each point between storing a job's result and recording the
 * outcome (which queues the delivery in the same script). The lease is a minute, longer than any wait here, so a
 * result that arrives was recovered because the killed worker's heartbeat stopped, not because its lease ran out.
 * The worker that takes over reports the stored version without running the job again.
 */
@RedisTest
class StoredResultKillTest {

    /** Dies in {@code execute}, just after the result is stored (the outcome not yet returned). */
    static final String AFTER_STORE = "halt-after-store";
    /** Dies in the finishing stage, just after the result is stored, while the loop runs on. */
    static final String AFTER_STORE_FINISHING = "halt-after-store-finishing";
    /** As {@link #AFTER_STORE}, on the job's only attempt: the next worker must not fail it as exhausted. */
    static final String ON_LAST_ATTEMPT = "halt-after-store-last-attempt";
    static final List<String> KILL_POINTS = List.of(AFTER_STORE, AFTER_STORE_FINISHING, ON_LAST_ATTEMPT);

    private static final Duration LEASE = Duration.ofMinutes(1);
    // Includes starting a JVM, slow when the machine's two cores are busy; well under the lease.
    private static final Duration JVM_WAIT = Duration.ofSeconds(40);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path logs;

    static JobLimits oneAttempt(Duration lease) {
        return new JobLimits(100, 100, new TokenBucket(1000, Duration.ofMillis(1)),
                new TokenBucket(1000, Duration.ofMillis(1)), 1, lease, Duration.ofHours(1));
    }

    /** The handler, made to die the way {@code mode} names once it has stored a result. */
    static JobHandler haltingAfterStore(JobHandler stores, String mode) {
        return new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) throws Exception {
                return stores.prepare(job);
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress,
                    CancellationFlag cancel) throws Exception {
                if (mode.equals(AFTER_STORE_FINISHING)) {
                    return new JobOutcome.Finishing(() -> {
                        stores.execute(job, prepared, progress, cancel);
                        Runtime.getRuntime().halt(137);
                        return null;
                    });
                }
                stores.execute(job, prepared, progress, cancel);
                Runtime.getRuntime().halt(137);
                return null;
            }
        };
    }

    @Test
    void killedJustAfterStoringInTheDeviceStepTheResultIsDeliveredWithoutRunningAgain(UnifiedJedis redis,
            RedisServerProcess server) throws Exception {
        assertRecovered(redis, server, AFTER_STORE, JobFixtures.limits(100, 100, LEASE));
    }

    @Test
    void killedJustAfterStoringInTheFinishingStageTheResultIsDeliveredWithoutRunningAgain(UnifiedJedis redis,
            RedisServerProcess server) throws Exception {
        assertRecovered(redis, server, AFTER_STORE_FINISHING, JobFixtures.limits(100, 100, LEASE));
    }

    @Test
    void killedJustAfterStoringOnTheLastAttemptTheResultIsDeliveredNotFailed(UnifiedJedis redis,
            RedisServerProcess server) throws Exception {
        assertRecovered(redis, server, ON_LAST_ATTEMPT, oneAttempt(LEASE));
    }

    @Test
    void killedBeforeStoringTheJobRunsAgainOnTheNextWorkerBeforeTheLeaseEnds(UnifiedJedis redis,
            RedisServerProcess server) throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), JobFixtures.limits(100, 100, LEASE));
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann", null, 40))).jobId();
        Process first = worker(server, "w-first", "");
        try {
            await("w-first mid-job (log in " + logs + ")", JVM_WAIT,
                    () -> redis.exists(ApplyOnceHandler.reachedKey(jobId, "w-first")));
        } finally {
            assertThat(first.destroyForcibly().waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        List<Completion> delivered = takeOver(redis, queue, jobId);

        assertThat(redis.exists(ApplyOnceHandler.reachedKey(jobId, "w-next"))).as("run again").isTrue();
        assertThat(delivered).extracting(Completion::versionId).containsExactly("v-" + jobId + "-w-next");
    }

    private void assertRecovered(UnifiedJedis redis, RedisServerProcess server, String killPoint, JobLimits limits)
            throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits);
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann", null, 2))).jobId();
        Process first = worker(server, "w-first", killPoint);
        try {
            assertThat(first.waitFor(JVM_WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the worker died after storing (log in " + logs + ")").isTrue();
        } finally {
            first.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).as("stored once before the kill").isEqualTo("1");
        assertThat(queue.record(jobId).orElseThrow().status()).as("outcome not recorded").isEqualTo(JobStatus.RUNNING);

        List<Completion> delivered = takeOver(redis, queue, jobId);

        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.DONE);
            assertThat(c.versionId()).isEqualTo("v-" + jobId + "-w-first");
        });
        assertThat(redis.exists(ApplyOnceHandler.reachedKey(jobId, "w-next"))).as("not run again").isFalse();
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).isEqualTo("1");
        assertThat(redis.xlen(JobKeys.DISPATCH)).isZero();
    }

    /** A healthy worker and a front end until the job's completion was delivered, well before the lease ends. */
    private static List<Completion> takeOver(UnifiedJedis redis, JobQueue queue, String jobId) throws Exception {
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        try (DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe", delivered::add);
                JobWorker next = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-next", new ApplyOnceHandler(redis, Duration.ofMillis(5)),
                        JobFixtures.fastWorker())) {
            frontEnd.start();
            next.start();
            await("the result delivered before the lease ran out", RECOVERY_WAIT, () -> !delivered.isEmpty());
            Thread.sleep(300); // a second delivery would show up now
        }
        assertThat(queue.record(jobId).orElseThrow().status()).isEqualTo(JobStatus.DONE);
        return delivered;
    }

    private Process worker(RedisServerProcess server, String id, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashTestWorkerMain.class.getName(), server.url(), id, "20", Long.toString(LEASE.toMillis()), mode)
                .redirectErrorStream(true).redirectOutput(logs.resolve(id + ".log").toFile()).start();
    }
}

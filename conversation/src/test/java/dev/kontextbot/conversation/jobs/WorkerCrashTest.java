package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.fastWorker;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
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

/** Workers in their own JVMs, killed with SIGKILL mid-job. */
@RedisTest
class WorkerCrashTest {

    // Each wait includes starting a JVM, which takes tens of seconds when the machine's two cores are busy.
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long LEASE_MS = 1000;

    @TempDir
    Path logs;

    private Process startWorkerProcess(RedisServerProcess server, String workerId, long stepMs, String... mode)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashTestWorkerMain.class.getName(), server.url(), workerId, Long.toString(stepMs),
                Long.toString(LEASE_MS)));
        command.addAll(List.of(mode));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(workerId + ".log").toFile())
                .start();
    }

    private static int reached(UnifiedJedis redis, String jobId, String workerId) {
        String step = redis.get(ApplyOnceHandler.reachedKey(jobId, workerId));
        return step == null ? 0 : Integer.parseInt(step);
    }

    private void killMidJob(UnifiedJedis redis, RedisServerProcess server, String jobId, String workerId)
            throws Exception {
        Process worker = startWorkerProcess(server, workerId, 100);
        try {
            await(workerId + " in the middle of the job (log: " + logs.resolve(workerId + ".log") + ")", WAIT,
                    () -> reached(redis, jobId, workerId) >= 3 || !worker.isAlive());
            assertThat(worker.isAlive()).as("worker process alive; see " + logs).isTrue();
        } finally {
            assertThat(worker.destroyForcibly().waitFor(1, TimeUnit.MINUTES)).as("killed worker exits").isTrue();
        }
    }

    /** A healthy worker and a front end, until the poison job has failed and its failure was delivered. */
    private static List<Completion> runThirdWorker(UnifiedJedis redis, JobQueue queue, String jobId) {
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        try (DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add);
                JobWorker third = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-third", new ApplyOnceHandler(redis, Duration.ofMillis(5)),
                        fastWorker())) {
            frontEnd.start();
            third.start();
            await("poison job failed", WAIT,
                    () -> queue.record(jobId).map(r -> r.status() == JobStatus.FAILED).orElse(false));
            await("failure delivered", WAIT, () -> !delivered.isEmpty());
        }
        return delivered;
    }

    @Test
    void aJobWhoseWorkerWasKilledIsCompletedByAnotherExactlyOnce(UnifiedJedis redis, RedisServerProcess server)
            throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, Duration.ofMillis(LEASE_MS)));
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann", null, 30))).jobId();

        killMidJob(redis, server, jobId, "w-doomed");

        JobRecord orphan = queue.record(jobId).orElseThrow();
        assertThat(orphan.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orphan.workerId()).isEqualTo("w-doomed");
        assertThat(orphan.attempts()).isEqualTo(1);
        int reachedBeforeKill = reached(redis, jobId, "w-doomed");
        assertThat(reachedBeforeKill).isBetween(3, 29);

        List<Completion> delivered = new CopyOnWriteArrayList<>();
        try (DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add);
                JobWorker rescuer = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-rescue", new ApplyOnceHandler(redis, Duration.ofMillis(5)),
                        fastWorker())) {
            frontEnd.start();
            rescuer.start();
            await("job done by the rescuer", WAIT,
                    () -> queue.record(jobId).map(r -> r.status() == JobStatus.DONE).orElse(false));
            await("result delivered", WAIT, () -> !delivered.isEmpty());
        }

        JobRecord done = queue.record(jobId).orElseThrow();
        assertThat(done.workerId()).isEqualTo("w-rescue");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.versionId()).isEqualTo("v-" + jobId + "-w-rescue");
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).isEqualTo("1");
        assertThat(reached(redis, jobId, "w-doomed")).isEqualTo(reachedBeforeKill);
        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.DONE);
            assertThat(c.versionId()).isEqualTo(done.versionId());
        });
        assertThat(redis.xlen(JobKeys.deliveries(JobFixtures.PLATFORM))).isZero();
        assertThat(redis.xlen(JobKeys.DISPATCH)).isZero();
        assertThat(queue.metrics().running()).isZero();
    }

    @Test
    void aJobThatKillsItsWorkerEveryTimeEndsFailedAndNeverLoops(UnifiedJedis redis, RedisServerProcess server)
            throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, Duration.ofMillis(LEASE_MS)));
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann", null, 30))).jobId();

        killMidJob(redis, server, jobId, "w-first");
        killMidJob(redis, server, jobId, "w-second");
        assertThat(queue.record(jobId).orElseThrow().attempts()).isEqualTo(2);

        List<Completion> delivered = runThirdWorker(redis, queue, jobId);

        JobRecord failed = queue.record(jobId).orElseThrow();
        assertThat(failed.errorCode()).isEqualTo("attempts_exhausted");
        assertThat(reached(redis, jobId, "w-third")).isZero();
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).isNull();
        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.FAILED);
            assertThat(JobFailure.read(c.errorCode(), c.message())).isEqualTo(new JobFailure.AttemptsExhausted(2));
        });
        assertThat(redis.xlen(JobKeys.DISPATCH)).isZero();
    }

    /**
     * Before: attempts were counted at START, after prepare, so a job that killed its worker while being prepared
     * (decoding a picture, say) was claimed, crashed a worker and was claimed again forever.
     */
    @Test
    void aJobThatKillsItsWorkerWhileBeingPreparedEndsFailedWithAPlainMessage(UnifiedJedis redis,
            RedisServerProcess server) throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits(100, 100, Duration.ofMillis(LEASE_MS)));
        String jobId = ((SubmitResult.Accepted) queue.submit(spec("ann", null, 5))).jobId();

        for (String workerId : List.of("w-prep-1", "w-prep-2")) {
            Process worker = startWorkerProcess(server, workerId, 5, "crash-in-prepare");
            try {
                assertThat(worker.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                        .as(workerId + " died preparing the job; log in " + logs).isTrue();
                assertThat(worker.exitValue()).isEqualTo(137);
            } finally {
                worker.destroyForcibly().waitFor();
            }
        }
        assertThat(queue.record(jobId).orElseThrow().attempts()).isEqualTo(2);

        List<Completion> delivered = runThirdWorker(redis, queue, jobId);
        assertThat(queue.record(jobId).orElseThrow().errorCode()).isEqualTo("attempts_exhausted");
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).isNull();
        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.FAILED);
            assertThat(JobFailure.read(c.errorCode(), c.message())).isEqualTo(new JobFailure.AttemptsExhausted(2));
        });
    }
}

package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.fastWorker;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.state.ConversationException;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class JobWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static String submit(JobQueue queue, JobSpec spec) {
        return ((SubmitResult.Accepted) queue.submit(spec)).jobId();
    }

    private static JobStatus status(JobQueue queue, String jobId) {
        return queue.record(jobId).map(JobRecord::status).orElse(null);
    }

    @Test
    void aJobRunsReportsProgressAndItsResultIsDeliveredOnce(UnifiedJedis redis) throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        List<ProgressEvent> steps = new CopyOnWriteArrayList<>();
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        try (AutoCloseable progress = new ProgressBus(redis).subscribe(JobFixtures.PLATFORM, steps::add);
                DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add);
                JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1",
                        new ApplyOnceHandler(redis, Duration.ofMillis(10)), fastWorker())) {
            String jobId = submit(queue, spec("ann"));
            worker.start();
            await("job done", WAIT, () -> status(queue, jobId) == JobStatus.DONE);
            int handed = 0;
            for (int i = 0; i < 3 && handed == 0; i++) {
                handed += frontEnd.pollOnce();
            }
            await("4 progress events", WAIT, () -> steps.size() >= 4);

            JobRecord record = queue.record(jobId).orElseThrow();
            assertThat(record.versionId()).isEqualTo("v-" + jobId + "-w-1");
            assertThat(record.attempts()).isEqualTo(1);
            assertThat(record.workerId()).isEqualTo("w-1");
            assertThat(record.startedAt()).isNotNull();
            assertThat(record.finishedAt()).isAfterOrEqualTo(record.startedAt());
            assertThat(steps).extracting(ProgressEvent::step).containsExactly(1, 2, 3, 4);
            assertThat(steps.getLast().remaining()).isEqualTo(Duration.ZERO);
            assertThat(steps.getFirst().conversationId()).isEqualTo("conv-ann");
            assertThat(delivered).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(JobStatus.DONE);
                assertThat(c.versionId()).isEqualTo(record.versionId());
                assertThat(c.spec().delivery().chatId()).isEqualTo("chat-1");
            });
            assertThat(frontEnd.pollOnce()).isZero();
            QueueMetrics m = queue.metrics();
            assertThat(m.done()).isEqualTo(1);
            assertThat(m.running()).isZero();
            assertThat(m.queued()).isZero();
            assertThat(m.liveWorkers()).isEqualTo(1);
        }
        assertThat(queue.metrics().liveWorkers()).isZero();
    }

    @Test
    void oneUsersTenJobsDoNotHoldBackAnotherUsersOne(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        JobHandler recording = new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) {
                return null;
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter p, CancellationFlag c) {
                order.add(job.spec().userId());
                return new JobOutcome.Succeeded("v-" + job.jobId());
            }
        };
        for (int i = 0; i < 10; i++) {
            submit(queue, spec("ann"));
        }
        submit(queue, spec("bob"));
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", recording, fastWorker())) {
            worker.start();
            await("all 11 jobs", WAIT, () -> order.size() == 11);
        }
        // Without per-user waiting lists bob would be 11th; round robin puts him right after ann's first.
        assertThat(order.indexOf("bob")).isEqualTo(1);
    }

    @Test
    void aRunningJobIsCancelledAtItsNextStepAndItsUserHearsSo(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        String jobId = submit(queue, spec("ann", null, 200));
        try (DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add);
                JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", new ApplyOnceHandler(redis, Duration.ofMillis(20)),
                        fastWorker())) {
            worker.start();
            await("job past step 2", WAIT, () -> redis.get(ApplyOnceHandler.reachedKey(jobId, "w-1")) != null
                    && Integer.parseInt(redis.get(ApplyOnceHandler.reachedKey(jobId, "w-1"))) >= 2);

            assertThat(queue.cancel(jobId, "bob", false)).isInstanceOf(CancelResult.Refused.class);
            CancelResult result = queue.cancel(jobId, "ann", false);
            assertThat(result).isInstanceOf(CancelResult.Stopping.class);
            assertThat(result).isEqualTo(new CancelResult.Stopping(jobId));

            await("job cancelled", WAIT, () -> status(queue, jobId) == JobStatus.CANCELLED);
            frontEnd.start();
            await("cancellation delivered", WAIT, () -> !delivered.isEmpty());
        }
        assertThat(Integer.parseInt(redis.get(ApplyOnceHandler.reachedKey(jobId, "w-1")))).isLessThan(200);
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).isNull();
        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(JobFailure.read(c.errorCode(), c.message())).isEqualTo(new JobFailure.Cancelled(false));
        });
    }

    @Test
    void aJobThatAlwaysFailsEndsFailedAfterMaxAttemptsWithAMessage(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        AtomicInteger runs = new AtomicInteger();
        JobHandler failing = new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) {
                return null;
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter p, CancellationFlag c) {
                runs.incrementAndGet();
                return new JobOutcome.Failed("decode", "I could not read that picture.", true);
            }
        };
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        String jobId = submit(queue, spec("ann"));
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", failing, fastWorker());
                DeliveryConsumer frontEnd = new DeliveryConsumer(redis, JobFixtures.PLATFORM, "fe-1", delivered::add)) {
            worker.start();
            frontEnd.start();
            await("job failed", WAIT, () -> status(queue, jobId) == JobStatus.FAILED);
            await("failure delivered", WAIT, () -> !delivered.isEmpty());
        }
        JobRecord record = queue.record(jobId).orElseThrow();
        assertThat(runs.get()).isEqualTo(2);
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.errorCode()).isEqualTo("decode");
        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.FAILED);
            assertThat(c.message()).isEqualTo("I could not read that picture.");
        });
        assertThat(queue.metrics().failed()).isEqualTo(1);
    }

    @Test
    void anExceptionInTheHandlerIsRetriedThenReportedInPlainWords(UnifiedJedis redis) {
        JobRecord record = runUntilFailed(redis, new IllegalStateException("tokenizer exploded"));
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(JobFailure.read(record.errorCode(), record.errorMessage())).isEqualTo(new JobFailure.WorkerError());
        assertThat(record.errorMessage()).doesNotContain("tokenizer");
    }

    /** Before: a picture lost with a failed-over master failed twice as "Something went wrong". */
    @Test
    void theConversationsRefusalInPrepareEndsTheJobAtOnceInItsOwnWords(UnifiedJedis redis) {
        JobRecord record = runUntilFailed(redis, new ConversationException(
                ConversationException.Reason.VERSION_NOT_FOUND, "The picture to edit is no longer stored."));
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.errorCode()).isEqualTo("version_not_found");
        assertThat(record.errorMessage()).isEqualTo("The picture to edit is no longer stored.");
    }

    /** Runs one job whose prepare throws {@code failure} until it ends FAILED. */
    private static JobRecord runUntilFailed(UnifiedJedis redis, RuntimeException failure) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        JobHandler throwing = new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) {
                throw failure;
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter p, CancellationFlag c) {
                throw new AssertionError("execute must not run when prepare failed");
            }
        };
        String jobId = submit(queue, spec("ann"));
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", throwing, fastWorker())) {
            worker.start();
            await("job failed", WAIT, () -> status(queue, jobId) == JobStatus.FAILED);
        }
        return queue.record(jobId).orElseThrow();
    }

    /** Before: a failover of a few seconds made every job it touched fail twice and end FAILED. */
    @Test
    void aStorageOutageDoesNotUseUpTheJobsAttempts(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        JobHandler outageThrice = JobFixtures.handler(job -> runs.incrementAndGet() <= 3
                ? new JobOutcome.Failed(JobWorker.STORE_OUTAGE, "storage unavailable", true)
                : new JobOutcome.Succeeded("v-1"));
        String jobId = submit(queue, spec("ann"));
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", outageThrice, fastWorker())) {
            worker.start();
            await("job done", WAIT, () -> status(queue, jobId) == JobStatus.DONE);
        }
        assertThat(runs).as("three outages, then the run that worked").hasValue(4);
        assertThat(queue.limits().maxAttempts()).isLessThan(4);
    }

    @Test
    void stopLetsTheRunningJobFinishAndHandsThePrefetchedOneBack(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String first = submit(queue, spec("ann", null, 10));
        String second = submit(queue, spec("bob", null, 10));
        JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", new ApplyOnceHandler(redis, Duration.ofMillis(30)),
                fastWorker());
        worker.start();
        await("first job running and second prefetched", WAIT,
                () -> redis.get(ApplyOnceHandler.reachedKey(first, "w-1")) != null
                        && status(queue, second) == JobStatus.RUNNING);

        assertThat(worker.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(status(queue, first)).isEqualTo(JobStatus.DONE);
        assertThat(status(queue, second)).isEqualTo(JobStatus.QUEUED);
        assertThat(queue.record(second).orElseThrow().attempts()).isZero();
        assertThat(redis.get(ApplyOnceHandler.reachedKey(second, "w-1"))).isNull();
        assertThat(queue.position(second)).get().extracting(QueuePosition::ahead).isEqualTo(0);

        try (JobWorker next = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-2", new ApplyOnceHandler(redis, Duration.ofMillis(1)),
                fastWorker())) {
            next.start();
            await("second job done by the next worker", WAIT, () -> status(queue, second) == JobStatus.DONE);
        }
        assertThat(queue.record(second).orElseThrow().workerId()).isEqualTo("w-2");
        assertThat(Optional.ofNullable(redis.get(ApplyOnceHandler.versionsKey(second)))).contains("1");
    }

    /** Before: no job had a deadline, so one request could hold the device for hours. */
    @Test
    void aJobPastItsDeadlineIsStoppedAndFailsWithAPlainMessageWithoutARetry(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        String jobId = submit(queue, spec("ann", null, 100)); // 100 steps of 50 ms: 5 s
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", new ApplyOnceHandler(redis, Duration.ofMillis(50)),
                fastWorker().withJobDeadline(Duration.ofMillis(400)))) {
            worker.start();
            await("job stopped", WAIT, () -> status(queue, jobId) == JobStatus.FAILED);
        }
        JobRecord record = queue.record(jobId).orElseThrow();
        assertThat(record.errorCode()).isEqualTo("deadline");
        assertThat(JobFailure.read(record.errorCode(), record.errorMessage()))
                .isEqualTo(new JobFailure.Deadline(Duration.ofMillis(400)));
        assertThat(record.errorMessage()).doesNotContain("Exception");
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(Integer.parseInt(redis.get(ApplyOnceHandler.reachedKey(jobId, "w-1")))).isBetween(1, 60);
        assertThat(redis.get(ApplyOnceHandler.versionsKey(jobId))).isNull();
    }
}

package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static dev.kontextbot.conversation.jobs.JobFixtures.fastWorker;
import static dev.kontextbot.conversation.jobs.JobFixtures.limits;
import static dev.kontextbot.conversation.jobs.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The finishing part of a job (storing its result) overlaps the next job and is recorded when it returns. */
@RedisTest
class JobFinishingTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theNextJobRunsWhileThePreviousOneIsStillBeingStored(UnifiedJedis redis) throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        JobHandler handler = new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) {
                return job.spec().userId();
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress,
                                      CancellationFlag cancel) {
                events.add("execute " + prepared);
                if (prepared.equals("bob")) {
                    secondStarted.countDown();
                    return new JobOutcome.Succeeded("v-bob");
                }
                return new JobOutcome.Finishing(() -> {
                    // Storing ann's result waits until bob's job is on the device: they overlap.
                    boolean overlapped = secondStarted.await(10, TimeUnit.SECONDS);
                    events.add("stored ann");
                    return overlapped ? new JobOutcome.Succeeded("v-ann")
                            : new JobOutcome.Failed("no_overlap", "bob's job never started", false);
                });
            }
        };
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", handler, fastWorker())) {
            String ann = ((SubmitResult.Accepted) queue.submit(spec("ann"))).jobId();
            String bob = ((SubmitResult.Accepted) queue.submit(spec("bob"))).jobId();
            worker.start();
            await("both done", WAIT, () -> queue.record(ann).map(JobRecord::status).orElse(null) == JobStatus.DONE
                    && queue.record(bob).map(JobRecord::status).orElse(null) == JobStatus.DONE);
            assertThat(queue.record(ann).orElseThrow().versionId()).isEqualTo("v-ann");
            assertThat(events).containsSubsequence("execute ann", "execute bob", "stored ann");
        }
    }

    @Test
    void aFailingFinishingStepEndsTheJobWithItsMessage(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits());
        JobHandler handler = new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) {
                return null;
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress,
                                      CancellationFlag cancel) {
                return new JobOutcome.Finishing(() -> new JobOutcome.Failed("quota_exceeded", "Your storage is full.",
                        false));
            }
        };
        try (JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "w-1", handler, fastWorker())) {
            String id = ((SubmitResult.Accepted) queue.submit(spec("ann"))).jobId();
            worker.start();
            await("failed", WAIT, () -> queue.record(id).map(JobRecord::status).orElse(null) == JobStatus.FAILED);
            assertThat(queue.record(id).orElseThrow().errorMessage()).isEqualTo("Your storage is full.");
        }
    }
}

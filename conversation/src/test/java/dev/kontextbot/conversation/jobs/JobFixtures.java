package dev.kontextbot.conversation.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** Specs, limits and a bounded wait for the job tests. */
final class JobFixtures {

    static final String PLATFORM = "test";

    private JobFixtures() {
    }

    static JobSpec spec(String user, String group, int steps) {
        return new JobSpec(null, "conv-" + user, new Requester(user, group),
                new DeliveryTarget(PLATFORM, "chat-1", "msg-1", null, "secret-token",
                        Instant.parse("2026-11-27T15:00:00Z"), "@" + user),
                EditRecipe.of(JobKind.EDIT, "v-base", new EditStep("make it blue", "Make the car blue.")),
                new Sampling(42, steps, 2.5, new OutputSize(512, 512)));
    }

    static JobSpec spec(String user) {
        return spec(user, null, 4);
    }

    /** Generous limits; tests narrow the one they exercise. */
    static JobLimits limits(int maxQueued, int perUserActive, Duration lease) {
        return new JobLimits(maxQueued, perUserActive,
                new TokenBucket(1000, Duration.ofMillis(1)), new TokenBucket(1000, Duration.ofMillis(1)),
                2, lease, Duration.ofHours(1));
    }

    static JobLimits limits() {
        return limits(100, 100, Duration.ofSeconds(1));
    }

    static JobWorker.Options fastWorker() {
        return new JobWorker.Options(Duration.ofMillis(100), true, Duration.ofMillis(200));
    }

    /** A handler that prepares nothing and answers each job with {@code body}. */
    static JobHandler handler(Function<ClaimedJob, JobOutcome> body) {
        return new JobHandler() {
            @Override
            public Object prepare(ClaimedJob job) {
                return null;
            }

            @Override
            public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter p, CancellationFlag c) {
                return body.apply(job);
            }
        };
    }

    /** Waits until the condition holds or fails the test after {@code max}: a bound, not a speed assertion. */
    static void await(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what);
            }
        }
    }
}

package dev.kontextbot.conversation.jobs;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A stand-in for the edit worker: sleeps per step as the device would, notes the step it reached, and applies
 * its result once per job id with SET NX (as appending a version to the edit tree is idempotent per job id).
 * {@link #versions} counts results actually applied.
 */
final class ApplyOnceHandler implements JobHandler {

    private final UnifiedJedis jedis;
    private final Duration step;

    ApplyOnceHandler(UnifiedJedis jedis, Duration step) {
        this.jedis = jedis;
        this.step = step;
    }

    static String reachedKey(String jobId, String workerId) {
        return "kb:test:reached:" + jobId + ":" + workerId;
    }

    static String versionsKey(String jobId) {
        return "kb:test:versions:" + jobId;
    }

    @Override
    public Optional<String> storedResult(ClaimedJob job) {
        return Optional.ofNullable(jedis.get("kb:test:applied:" + job.jobId()));
    }

    @Override
    public Object prepare(ClaimedJob job) {
        return job.spec().recipe().steps().getFirst().sent();
    }

    @Override
    public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress, CancellationFlag cancel)
            throws InterruptedException {
        int steps = job.spec().sampling().steps();
        for (int i = 1; i <= steps; i++) {
            if (cancel.isCancelled()) {
                return new JobOutcome.Cancelled();
            }
            Thread.sleep(step);
            jedis.set(reachedKey(job.jobId(), job.workerId()), Integer.toString(i));
            progress.step(i, steps, Optional.empty());
        }
        String version = "v-" + job.jobId() + "-" + job.workerId();
        if ("OK".equals(jedis.set("kb:test:applied:" + job.jobId(), version, SetParams.setParams().nx()))) {
            jedis.incr(versionsKey(job.jobId()));
            return new JobOutcome.Succeeded(version);
        }
        return new JobOutcome.Succeeded(jedis.get("kb:test:applied:" + job.jobId()));
    }
}

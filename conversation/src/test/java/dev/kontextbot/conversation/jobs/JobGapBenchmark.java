package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Measures the device's idle gap between consecutive jobs (end of one execute to the start of the next) on
 * a real Redis server, with and without prefetching. Not a test: run it by hand, see docs/jobs.md.
 * Args: [jobs=60] [deviceMs=100] [prepareMs=40].
 */
public final class JobGapBenchmark {

    private JobGapBenchmark() {
    }

    /** Simulates the CPU work (prepare) and the device time (execute) of the Kontext pipeline. */
    private static final class SimulatedDevice implements JobHandler {
        final List<long[]> executions = Collections.synchronizedList(new ArrayList<>());
        private final long deviceMs;
        private final long prepareMs;

        SimulatedDevice(long deviceMs, long prepareMs) {
            this.deviceMs = deviceMs;
            this.prepareMs = prepareMs;
        }

        @Override
        public Object prepare(ClaimedJob job) throws InterruptedException {
            Thread.sleep(prepareMs);
            return job.spec().recipe().steps().getFirst().sent();
        }

        @Override
        public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress, CancellationFlag cancel)
                throws InterruptedException {
            long start = System.nanoTime();
            int steps = job.spec().sampling().steps();
            for (int i = 1; i <= steps; i++) {
                Thread.sleep(deviceMs / steps);
                progress.step(i, steps, java.util.Optional.empty());
                if (cancel.isCancelled()) {
                    return new JobOutcome.Cancelled();
                }
            }
            executions.add(new long[] {start, System.nanoTime()});
            return new JobOutcome.Succeeded("v-" + job.jobId());
        }
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long deviceMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        long prepareMs = args.length > 2 ? Long.parseLong(args[2]) : 40;
        Path dir = Files.createTempDirectory("kontextbot-gap-bench");
        try (RedisServerProcess server = RedisServerProcess.start(new RedisServerProcess.Options(dir, 0, true));
                UnifiedJedis redis = RedisConnector.open(server.url())) {
            for (boolean prefetch : new boolean[] {true, false}) {
                redis.flushAll();
                JobLimits limits = new JobLimits(10_000, 10_000, new TokenBucket(10_000, Duration.ofMillis(1)),
                        new TokenBucket(10_000, Duration.ofMillis(1)), 2, Duration.ofSeconds(30), Duration.ofHours(1));
                JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits);
                for (int i = 0; i < jobs; i++) {
                    queue.submit(JobFixtures.spec("user-" + (i % 8), null, 4));
                }
                SimulatedDevice device = new SimulatedDevice(deviceMs, prepareMs);
                JobWorker worker = new JobWorker(queue, new ProgressBus(queue.jedis()), "bench", device,
                        new JobWorker.Options(Duration.ofMillis(200), prefetch, null));
                worker.start();
                while (device.executions.size() < jobs) {
                    Thread.sleep(50);
                }
                worker.stop(Duration.ofSeconds(5));
                report(prefetch, device.executions, deviceMs, prepareMs);
            }
        }
    }

    private static void report(boolean prefetch, List<long[]> executions, long deviceMs, long prepareMs) {
        List<Double> gaps = new ArrayList<>();
        // The first few jobs warm up the JIT and the connection pool.
        for (int i = 5; i < executions.size(); i++) {
            gaps.add((executions.get(i)[0] - executions.get(i - 1)[1]) / 1e6);
        }
        Collections.sort(gaps);
        System.out.printf("prefetch=%s device=%d ms prepare=%d ms gaps over %d jobs: median %.2f ms, p95 %.2f ms,"
                        + " max %.2f ms%n", prefetch, deviceMs, prepareMs, gaps.size(),
                gaps.get(gaps.size() / 2), gaps.get((int) Math.floor(gaps.size() * 0.95)), gaps.getLast());
    }
}

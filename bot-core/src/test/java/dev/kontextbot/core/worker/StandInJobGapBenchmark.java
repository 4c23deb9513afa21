package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.jobs.CancellationFlag;
import dev.kontextbot.conversation.jobs.ClaimedJob;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobHandler;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobOutcome;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.jobs.ProgressReporter;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.jobs.TokenBucket;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.wiring.ImageParts;
import dev.kontextbot.core.wiring.WorkerWiring;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Benchmark, not a test: the device's idle gap between consecutive edit jobs on the stand-in model, with the real
 * worker ({@link JobWorker} prefetching, {@link EditJobHandler} on the Kontext engine) and a real Redis. The gap is
 * measured from the end of one job's last session run (its VAE decode) to the start of the next job's first, via a
 * handler that records when each execute starts and when its last progress step ends. Args: [jobs=8] [steps=28].
 */
public final class StandInJobGapBenchmark {

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 28;
        Path dir = Files.createTempDirectory("gap-bench");
        try (RedisServerProcess server = RedisServerProcess.start(new RedisServerProcess.Options(dir, 0, true));
             UnifiedJedis redis = RedisConnector.open(server.url());
             KontextEngine engine = KontextEngine.open(EngineOptions.cpu(TestBot.standInPackage(), dir.resolve("c")))) {
            Clock clock = Clock.systemUTC();
            StateServices state = StateServices.open(redis, clock, RetentionPolicy.defaults(),
                    ConversationSettings.defaults(), new JobLimits(1000, 1000,
                    new TokenBucket(1000, Duration.ofMillis(1)), new TokenBucket(1000, Duration.ofMillis(1)), 2,
                    Duration.ofSeconds(30), Duration.ofDays(1)));
            ConversationStore store = state.store();
            JobQueue queue = state.queue();
            PngCodec png = new PngCodec();
            List<String[]> bases = new ArrayList<>();
            for (int i = 0; i < jobs + 1; i++) {
                String conv = "bench:c" + i;
                byte[] photo = png.encodePng(SyntheticPhoto.create(1024, 1024, i));
                Version root = store.append(conv, NewVersion.upload(store.blobs(conv, "u" + i).putPng(photo), 1024,
                        1024, "u" + i, "upload-" + i));
                bases.add(new String[] {conv, root.id(), "u" + i});
            }
            List<long[]> runs = Collections.synchronizedList(new ArrayList<>());
            EditJobHandler edits = new WorkerWiring(engine, state, ImageParts.standard(), new SimpleMeterRegistry(),
                    ResultScreen.none(), "KontextBot", java.util.Optional.empty()).handler();
            JobHandler timed = new JobHandler() {
                @Override
                public Object prepare(ClaimedJob job) throws Exception {
                    return edits.prepare(job);
                }

                @Override
                public JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress,
                                          CancellationFlag cancel) {
                    long start = System.nanoTime();
                    long[] lastStep = {start};
                    JobOutcome outcome = edits.execute(job, prepared, (k, n, preview) -> {
                        lastStep[0] = System.nanoTime();
                        progress.step(k, n, preview);
                    }, cancel);
                    runs.add(new long[] {start, lastStep[0], System.nanoTime()});
                    return outcome;
                }
            };
            JobWorker worker = new JobWorker(queue, new ProgressBus(redis), "bench-worker", timed, JobWorker.Options.defaults());
            // Warm-up job, then the measured ones, all queued at once so the worker always has the next one.
            for (String[] base : bases) {
                queue.submit(new JobSpec(null, base[0], new Requester(base[2], null),
                        new DeliveryTarget("bench", "c", null, null, null, null, base[2]),
                        EditRecipe.of(JobKind.EDIT, base[1], new EditStep("make it warmer", "Make it warmer")),
                        Sampling.of(42, steps, 2.5)));
            }
            worker.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (runs.size() < bases.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            worker.stop(Duration.ofSeconds(5));
            List<long[]> sorted = new ArrayList<>(runs);
            sorted.sort((a, b) -> Long.compare(a[0], b[0]));
            List<Double> gaps = new ArrayList<>();
            List<Double> execGaps = new ArrayList<>();
            List<Double> after = new ArrayList<>();
            for (int i = 2; i < sorted.size(); i++) { // skip the warm-up job
                gaps.add((sorted.get(i)[0] - sorted.get(i - 1)[1]) / 1e6);
                execGaps.add((sorted.get(i)[0] - sorted.get(i - 1)[2]) / 1e6);
            }
            for (int i = 1; i < sorted.size(); i++) {
                after.add((sorted.get(i)[2] - sorted.get(i)[1]) / 1e6);
            }
            Collections.sort(gaps);
            Collections.sort(execGaps);
            Collections.sort(after);
            System.out.printf("jobs=%d steps=%d (1024x1024 context, 1024x1024 output)%n", sorted.size() - 1, steps);
            System.out.printf("worker gap between executes: median %.1f ms, max %.1f ms%n", median(execGaps),
                    execGaps.getLast());
            System.out.printf("after the last step (VAE decode, PNG encode, store, append): median %.1f ms%n",
                    median(after));
            System.out.printf("last step of one job to the start of the next: median %.1f ms, max %.1f ms%n",
                    median(gaps), gaps.getLast());
        }
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}

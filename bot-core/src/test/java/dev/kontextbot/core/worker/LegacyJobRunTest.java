package dev.kontextbot.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.Completion;
import dev.kontextbot.conversation.jobs.DeliveryConsumer;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobJson;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobRecord;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.jobs.LegacyJobs;
import dev.kontextbot.conversation.jobs.OutputSize;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.jobs.TokenBucket;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.wiring.ImageParts;
import dev.kontextbot.core.wiring.WorkerWiring;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A job queued by the code before the typed recipe (its JSON exactly as that code wrote it, in the job's hash) is
 * claimed after the upgrade, read into the recipe it meant, run by the real worker on the stand-in model with a real
 * Redis, its versions stored as that code stored them, and its result handed to its front end.
 */
@RedisTest
class LegacyJobRunTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String CONV = "console:alice";

    @TempDir
    static Path dir;
    private static KontextEngine engine;

    private final PngCodec png = new PngCodec();
    private UnifiedJedis redis;
    private StateServices state;
    private ConversationStore store;
    private JobQueue queue;
    private Version base;
    private BufferedImage basePicture;
    private final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void open() throws Exception {
        engine = KontextEngine.open(EngineOptions.cpu(TestBot.standInPackage(), dir.resolve("cache")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void start(UnifiedJedis redis) {
        this.redis = redis;
        state = StateServices.open(redis, Clock.systemUTC(), RetentionPolicy.defaults(),
                ConversationSettings.defaults(), new JobLimits(100, 10, new TokenBucket(1000,
                Duration.ofMillis(1)), new TokenBucket(1000, Duration.ofMillis(1)), 2, Duration.ofSeconds(30),
                Duration.ofDays(1)));
        store = state.store();
        queue = state.queue();
        basePicture = SyntheticPhoto.create(320, 240, 3);
        base = store.append(CONV, NewVersion.upload(store.blobs(CONV, "alice").putPng(png.encodePng(basePicture)),
                320, 240, "alice", "upload-legacy"));
        ids.put("BASE_VERSION", base.id());
        ids.put("REFERENCE_BLOB", store.blobs(CONV, "alice").putPng(png.encodePng(SyntheticPhoto.create(128, 128,
                5))));
    }

    /** Queues {@code name} as the old code did, runs the worker until it ends, and returns its record. */
    private JobRecord runLegacy(String name, List<Completion> delivered, String platform) throws Exception {
        // The queue's own bookkeeping, then the job's stored spec as the old code wrote it.
        JobSpec placeholder = new JobSpec(null, CONV, new Requester("alice", null),
                new DeliveryTarget(platform, "chat-1", null, null, null, null, "alice"),
                EditRecipe.of(JobKind.EDIT, base.id(), new EditStep("x", "X.")), Sampling.of(1, 2, 2.5));
        String jobId = ((SubmitResult.Accepted) queue.submit(placeholder)).jobId();
        ids.put(LegacyJobs.JOB_IDS.get(name), jobId);
        String old = LegacyJobs.json(name, ids);
        assertThat(old).as("still the flat form").contains("\"instructionSent\"").doesNotContain("\"format\"");
        LegacyJobs.storeAsQueued(redis, jobId, old);
        try (JobWorker worker = new WorkerWiring(engine, state, ImageParts.standard(),
                new SimpleMeterRegistry(), ResultScreen.none(), "KontextBot", Optional.empty())
                .worker("legacy-worker", JobWorker.Options.defaults());
             DeliveryConsumer frontEnd = new DeliveryConsumer(redis, platform, "fe-1", delivered::add)) {
            worker.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!queue.record(jobId).map(r -> r.status().isTerminal()).orElse(false)) {
                assertThat(System.nanoTime()).as("the job ended in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            for (int i = 0; i < 5 && delivered.isEmpty(); i++) {
                frontEnd.pollOnce();
            }
        }
        JobRecord ended = queue.record(jobId).orElseThrow();
        assertThat(ended.spec()).as("read into the recipe it meant").isEqualTo(new JobJson().read(old, JobSpec.class));
        assertThat(delivered).singleElement().satisfies(c -> assertThat(c.spec()).isEqualTo(ended.spec()));
        return ended;
    }

    private Version version(String jobId, int run) {
        return store.versionOfJob(CONV, run == 0 ? jobId : jobId + "#" + run).orElseThrow();
    }

    @Test
    void aPlainEditWithKeepUntouchedRunsAndStoresItsVersion() throws Exception {
        List<Completion> delivered = new CopyOnWriteArrayList<>();
        JobRecord ended = runLegacy(LegacyJobs.PLAIN, delivered, "console");
        assertThat(ended.status()).isEqualTo(JobStatus.DONE);
        Version v = version(ended.jobId(), 0);
        assertThat(ended.versionId()).isEqualTo(v.id());
        assertThat(v.parentId()).isEqualTo(base.id());
        assertThat(v.instructionTyped()).isEqualTo("make the sky blue");
        assertThat(v.instructionSent()).isEqualTo("Make the sky blue.");
        assertThat(List.of(v.seed(), (long) v.steps())).containsExactly(42L, 2L);
        assertThat(delivered.getFirst().versionId()).isEqualTo(v.id());
    }

    @Test
    void aCompoundEditWithAPixelRegionChainsItsStepsAndKeepsEveryPixelOutside() throws Exception {
        JobRecord ended = runLegacy(LegacyJobs.COMPOUND_REGION, new CopyOnWriteArrayList<>(), "console");
        assertThat(ended.status()).isEqualTo(JobStatus.DONE);
        Version first = version(ended.jobId(), 0);
        Version second = version(ended.jobId(), 1);
        assertThat(ended.versionId()).isEqualTo(second.id());
        assertThat(first.parentId()).isEqualTo(base.id());
        assertThat(second.parentId()).as("the second step edits the first's result").isEqualTo(first.id());
        assertThat(List.of(first.instructionTyped(), second.instructionTyped()))
                .containsExactly("make the background white", "add a red hat");
        assertThat(List.of(first.instructionSent(), second.instructionSent()))
                .containsExactly("Make the background white.", "Add a red hat.");
        // The box 16,16,128,96: the result keeps the picture's size and every pixel outside it.
        BufferedImage result = new ImageDecoder().decode(store.blobs(CONV, "alice").png(second.imageBlob())
                .orElseThrow());
        assertThat(List.of(result.getWidth(), result.getHeight())).containsExactly(320, 240);
        int changedOutside = 0;
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                boolean inside = x >= 16 && x < 144 && y >= 16 && y < 112;
                if (!inside && result.getRGB(x, y) != basePicture.getRGB(x, y)) {
                    changedOutside++;
                }
            }
        }
        assertThat(changedOutside).isZero();
    }

    @Test
    void variationsWithAReferenceAreSiblingsWithTheNextSeeds() throws Exception {
        JobRecord ended = runLegacy(LegacyJobs.VARIATIONS_REFERENCES, new CopyOnWriteArrayList<>(), "discord");
        assertThat(ended.status()).isEqualTo(JobStatus.DONE);
        List<Version> made = List.of(version(ended.jobId(), 0), version(ended.jobId(), 1), version(ended.jobId(), 2));
        assertThat(made).extracting(Version::parentId).containsOnly(base.id());
        assertThat(made).extracting(Version::seed).containsExactly(100L, 101L, 102L);
        assertThat(made).extracting(Version::instructionTyped).containsOnly("add sunglasses");
        assertThat(ended.versionId()).isEqualTo(made.getLast().id());
        assertThat(ended.spec().recipe().references()).containsExactly(ids.get("REFERENCE_BLOB"));
    }

    @Test
    void aFractionRegionAndASizedGenerationRun() throws Exception {
        JobRecord third = runLegacy(LegacyJobs.FRACTION_REGION, new CopyOnWriteArrayList<>(), "console");
        assertThat(third.status()).isEqualTo(JobStatus.DONE);
        assertThat(version(third.jobId(), 0).width()).isEqualTo(320);

        JobRecord generated = runLegacy(LegacyJobs.GENERATE_SIZED, new CopyOnWriteArrayList<>(), "console");
        assertThat(generated.status()).isEqualTo(JobStatus.DONE);
        Version v = version(generated.jobId(), 0);
        assertThat(v.parentId()).isNull();
        assertThat(List.of(v.width(), v.height())).containsExactly(512, 384);
        assertThat(generated.spec().sampling().outputSize()).contains(new OutputSize(512, 384));
    }
}

package dev.kontextbot.core.testing;

import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.jobs.TokenBucket;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.core.BotCore;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.worker.EditJobHandler;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.ModelFamily;
import dev.kontextbot.core.edit.FamilySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The real bot for integration tests: a real Redis (from {@code RedisServerExtension}), the stand-in model on ONNX
 * Runtime, the rule-based agent and an in-process worker. Limits are loose so tests are not rate-limited.
 * Nothing here is a mock.
 *
 * <p>The model family is Kontext's unless the system property {@value #FAMILY_PROPERTY} names another
 * ({@code -Dkontextbot.test.family=klein}): CI runs the chat flows once with each family's stand-in.
 */
public final class TestBot implements AutoCloseable {

    private static final long STAND_IN_SEED = 42;
    /** The system property that picks the family every TestBot runs. */
    public static final String FAMILY_PROPERTY = "kontextbot.test.family";

    private final KontextEngine engine;
    private final BotCore core;
    private final JobWorker worker;
    private final ConversationStore store;
    private final JobQueue queue;

    private TestBot(KontextEngine engine, BotCore core, JobWorker worker, ConversationStore store, JobQueue queue) {
        this.engine = engine;
        this.core = core;
        this.worker = worker;
        this.store = store;
        this.queue = queue;
    }

    public static TestBot start(redis.clients.jedis.UnifiedJedis jedis, Path workDir) {
        return start(jedis, workDir, new SimpleMeterRegistry());
    }

    public static TestBot start(redis.clients.jedis.UnifiedJedis jedis, Path workDir, MeterRegistry registry) {
        return start(jedis, workDir, registry, BotCoreOptions.defaults(true), true);
    }

    /** The family the tests run: {@value #FAMILY_PROPERTY}, Kontext's by default. */
    public static ModelFamily family() {
        String id = System.getProperty(FAMILY_PROPERTY, ModelFamily.KONTEXT.id());
        return ModelFamily.byId(id).orElseThrow(() -> new IllegalArgumentException(
                FAMILY_PROPERTY + " names no model family: " + id));
    }

    /** The real bot running {@code family}'s stand-in, whatever {@value #FAMILY_PROPERTY} says. */
    public static TestBot ofFamily(redis.clients.jedis.UnifiedJedis jedis, Path workDir, ModelFamily family) {
        return start(jedis, workDir, new SimpleMeterRegistry(), BotCoreOptions.defaults(true), true, null,
                Optional.empty(), family);
    }

    /** The real bot deciding turns with the given language model (a fake server in tests). */
    public static TestBot withLlm(redis.clients.jedis.UnifiedJedis jedis, Path workDir, LlmOptions llm) {
        return withLlm(jedis, workDir, llm, true);
    }

    /** As {@link #withLlm(redis.clients.jedis.UnifiedJedis, Path, LlmOptions)}; without a worker jobs stay queued. */
    public static TestBot withLlm(redis.clients.jedis.UnifiedJedis jedis, Path workDir, LlmOptions llm,
                                  boolean withWorker) {
        BotCoreOptions defaults = BotCoreOptions.defaults(true);
        return start(jedis, workDir, new SimpleMeterRegistry(), new BotCoreOptions(defaults.keyPolicy(), llm,
                defaults.maxUploadBytes(), defaults.standIn(), defaults.modelName()), withWorker);
    }

    /**
     * The real bot with the given options; without a worker, queued jobs stay queued (for cancel tests).
     */
    public static TestBot start(redis.clients.jedis.UnifiedJedis jedis, Path workDir, MeterRegistry registry,
                                BotCoreOptions options, boolean withWorker) {
        return start(jedis, workDir, registry, options, withWorker, null);
    }

    /** The real bot with {@code screening} on uploads, texts and results (null: screening off). */
    public static TestBot start(redis.clients.jedis.UnifiedJedis jedis, Path workDir, MeterRegistry registry,
                                BotCoreOptions options, boolean withWorker, Screening screening) {
        return start(jedis, workDir, registry, options, withWorker, screening, Optional.empty(), family());
    }

    /** The real bot whose worker measures faces in drift with {@code faces} (issue 16). */
    public static TestBot withFaces(redis.clients.jedis.UnifiedJedis jedis, Path workDir, FaceMeter faces) {
        return start(jedis, workDir, new SimpleMeterRegistry(), BotCoreOptions.defaults(true), true, null,
                Optional.of(faces), family());
    }

    private static TestBot start(redis.clients.jedis.UnifiedJedis jedis, Path workDir, MeterRegistry registry,
                                 BotCoreOptions options, boolean withWorker, Screening screening,
                                 Optional<FaceMeter> faces, ModelFamily family) {
        options = options.withFamily(family);
        try {
            KontextEngine engine = KontextEngine.open(EngineOptions.cpu(standInPackage(family),
                    workDir.resolve("cache")));
            Clock clock = Clock.systemUTC();
            // As deploy does: a conversation that never changed its settings follows the family's defaults.
            ConversationStore store = new ConversationStore(jedis, clock, RetentionPolicy.defaults(),
                    new FamilySettings(family).defaults(family.defaultSteps(), family.defaultGuidance().orElse(0.0)));
            JobQueue queue = new JobQueue(jedis, clock, new JobLimits(100, 4,
                    new TokenBucket(1000, Duration.ofMillis(10)), new TokenBucket(1000, Duration.ofMillis(10)), 2,
                    Duration.ofSeconds(30), Duration.ofDays(1)));
            BotCore core = new BotCore(options, jedis, store, queue, registry,
                    "test-" + UUID.randomUUID(), screening);
            ImageDecoder decoder = new ImageDecoder();
            JobWorker worker = new JobWorker(queue, new ProgressBus(jedis), "test-worker-" + UUID.randomUUID(),
                    new EditJobHandler(engine, store, decoder, new PngCodec(), new ContextCollage(new LanczosResizer()),
                            registry, screening == null ? ResultScreen.none() : screening, "KontextBot test", faces),
                    JobWorker.Options.defaults());
            if (withWorker) {
                worker.start();
            }
            return new TestBot(engine, core, worker, store, queue);
        } catch (InferenceException e) {
            throw new IllegalStateException("The stand-in model could not be opened: " + e.getMessage(), e);
        }
    }

    /** The stand-in package of the tests' family, written once per test JVM (see StandInCache). */
    public static Path standInPackage() {
        return standInPackage(family());
    }

    /** {@code family}'s stand-in package, written once per test JVM into a folder keyed by its content. */
    public static Path standInPackage(ModelFamily family) {
        return switch (family) {
            case KONTEXT -> KontextStandIn.DIR;
            case KLEIN -> KleinStandIn.DIR;
        };
    }

    /** Lazy holders: the first test that needs a family's package writes it. */
    private static final class KontextStandIn {
        static final Path DIR = StandInCache.packageFor(STAND_IN_SEED, ModelFamily.KONTEXT);
    }

    private static final class KleinStandIn {
        static final Path DIR = StandInCache.packageFor(STAND_IN_SEED, ModelFamily.KLEIN);
    }

    /** The engine the worker runs (to count session runs). */
    public KontextEngine engine() {
        return engine;
    }

    public KontextBot bot() {
        return core;
    }

    public ConversationViews views() {
        return core;
    }

    public BotHealth health() {
        return core;
    }

    public BotCore core() {
        return core;
    }

    public ConversationStore store() {
        return store;
    }

    public JobQueue queue() {
        return queue;
    }

    @Override
    public void close() {
        worker.stop(Duration.ofSeconds(5));
        core.close();
        engine.close();
    }
}

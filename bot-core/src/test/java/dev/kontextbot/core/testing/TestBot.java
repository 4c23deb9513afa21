package dev.kontextbot.core.testing;

import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobWorker;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.jobs.TokenBucket;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.edit.FamilySettings;
import dev.kontextbot.core.safety.ResultScreen;
import dev.kontextbot.core.safety.SafetyOptions;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.wiring.CoreInputs;
import dev.kontextbot.core.wiring.CoreWiring;
import dev.kontextbot.core.wiring.ImageParts;
import dev.kontextbot.core.wiring.WorkerWiring;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.inference.pipeline.KontextEngine;
import dev.kontextbot.inference.pipeline.ModelFamily;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The real bot for integration tests, built by the same {@link CoreWiring} and {@link WorkerWiring} as deploy's
 * runtime: a real Redis (from {@code RedisServerExtension}), the stand-in model on ONNX Runtime, the rule-based
 * agent and an in-process worker. What a test changes it names on the {@link Builder}; limits are loose so tests
 * are not rate-limited. Nothing here is a mock.
 *
 * <p>The model family is Kontext's unless the system property {@value #FAMILY_PROPERTY} names another
 * ({@code -Dkontextbot.test.family=klein}): CI runs the chat flows once with each family's stand-in.
 */
public final class TestBot implements AutoCloseable {

    private static final long STAND_IN_SEED = 42;
    /** The system property that picks the family every TestBot runs. */
    public static final String FAMILY_PROPERTY = "kontextbot.test.family";

    private final KontextEngine engine;
    private final CoreWiring core;
    private final JobWorker worker;
    private final StateServices state;

    private TestBot(KontextEngine engine, CoreWiring core, JobWorker worker, StateServices state) {
        this.engine = engine;
        this.core = core;
        this.worker = worker;
        this.state = state;
    }

    /** A bot on {@code jedis} with the stand-in model's package and caches under {@code workDir}. */
    public static Builder on(UnifiedJedis jedis, Path workDir) {
        return new Builder(jedis, workDir);
    }

    public static TestBot start(UnifiedJedis jedis, Path workDir) {
        return on(jedis, workDir).start();
    }

    public static TestBot start(UnifiedJedis jedis, Path workDir, MeterRegistry registry) {
        return on(jedis, workDir).registry(registry).start();
    }

    /** The real bot with the given options; without a worker, queued jobs stay queued (for cancel tests). */
    public static TestBot start(UnifiedJedis jedis, Path workDir, MeterRegistry registry, BotCoreOptions options,
                                boolean withWorker) {
        return on(jedis, workDir).registry(registry).options(options).worker(withWorker).start();
    }

    /** As above, with {@code screening} on uploads, texts and results (null: screening off). */
    public static TestBot start(UnifiedJedis jedis, Path workDir, MeterRegistry registry, BotCoreOptions options,
                                boolean withWorker, Screening screening) {
        return on(jedis, workDir).registry(registry).options(options).worker(withWorker).screening(screening).start();
    }

    /** The real bot running {@code family}'s stand-in, whatever {@value #FAMILY_PROPERTY} says. */
    public static TestBot ofFamily(UnifiedJedis jedis, Path workDir, ModelFamily family) {
        return on(jedis, workDir).family(family).start();
    }

    /** The real bot deciding turns with the given language model (a fake server in tests). */
    public static TestBot withLlm(UnifiedJedis jedis, Path workDir, LlmOptions llm) {
        return on(jedis, workDir).llm(llm).start();
    }

    /** As {@link #withLlm(UnifiedJedis, Path, LlmOptions)}; without a worker jobs stay queued. */
    public static TestBot withLlm(UnifiedJedis jedis, Path workDir, LlmOptions llm, boolean withWorker) {
        return on(jedis, workDir).llm(llm).worker(withWorker).start();
    }

    /** The real bot whose worker measures faces in drift with {@code faces} (issue 16). */
    public static TestBot withFaces(UnifiedJedis jedis, Path workDir, FaceMeter faces) {
        return on(jedis, workDir).faces(faces).start();
    }

    /** What a test changes, by name; everything else is as deploy builds it. */
    public static final class Builder {

        private final UnifiedJedis jedis;
        private final Path workDir;
        private MeterRegistry registry = new SimpleMeterRegistry();
        private BotCoreOptions options = BotCoreOptions.defaults(true);
        private boolean withWorker = true;
        private Screening screening;
        private Optional<FaceMeter> faces = Optional.empty();
        private ModelFamily family = TestBot.family();
        private JobLimits limits = new JobLimits(100, 4, new TokenBucket(1000, Duration.ofMillis(10)),
                new TokenBucket(1000, Duration.ofMillis(10)), 2, Duration.ofSeconds(30), Duration.ofDays(1));

        private Builder(UnifiedJedis jedis, Path workDir) {
            this.jedis = jedis;
            this.workDir = workDir;
        }

        public Builder registry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        public Builder options(BotCoreOptions options) {
            this.options = options;
            return this;
        }

        /** The language model behind the agent, the other options as they are. */
        public Builder llm(LlmOptions llm) {
            this.options = new BotCoreOptions(options.keyPolicy(), llm, options.maxUploadBytes(), options.standIn(),
                    options.modelName());
            return this;
        }

        /** False: no worker, so queued jobs stay queued. */
        public Builder worker(boolean withWorker) {
            this.withWorker = withWorker;
            return this;
        }

        /** Screening of uploads, texts and results (null: off, as with SAFETY_MODE=off). */
        public Builder screening(Screening screening) {
            this.screening = screening;
            return this;
        }

        public Builder faces(FaceMeter faces) {
            this.faces = Optional.of(faces);
            return this;
        }

        public Builder family(ModelFamily family) {
            this.family = family;
            return this;
        }

        /** The queue's limits (the default is loose, so tests are not rate-limited). */
        public Builder limits(JobLimits limits) {
            this.limits = limits;
            return this;
        }

        public TestBot start() {
            BotCoreOptions opts = options.withFamily(family);
            try {
                KontextEngine engine = KontextEngine.open(EngineOptions.cpu(standInPackage(family),
                        workDir.resolve("cache")));
                Clock clock = Clock.systemUTC();
                // As deploy does: a conversation that never changed its settings follows the family's defaults.
                StateServices state = StateServices.open(jedis, clock, RetentionPolicy.defaults(),
                        new FamilySettings(family).defaults(family.defaultSteps(),
                                family.defaultGuidance().orElse(0.0)), limits);
                ImageParts images = ImageParts.standard();
                Screening screens = screening != null ? screening : Screening.off(
                        state.reviews(SafetyOptions.defaults().reviewRetention()), state.relaxedChats(),
                        images.png()::encodePng, registry);
                String instance = "test-" + UUID.randomUUID();
                CoreWiring core = CoreWiring.build(new CoreInputs(opts, state, screens, images, registry, clock,
                        instance));
                JobWorker worker = new WorkerWiring(engine, state, images, registry,
                        screening == null ? ResultScreen.none() : screening, "KontextBot test", faces)
                        .worker("test-worker-" + UUID.randomUUID(), JobWorker.Options.defaults());
                if (withWorker) {
                    worker.start();
                }
                return new TestBot(engine, core, worker, state);
            } catch (InferenceException e) {
                throw new IllegalStateException("The stand-in model could not be opened: " + e.getMessage(), e);
            }
        }
    }

    /** The family the tests run: {@value #FAMILY_PROPERTY}, Kontext's by default. */
    public static ModelFamily family() {
        String id = System.getProperty(FAMILY_PROPERTY, ModelFamily.KONTEXT.id());
        return ModelFamily.byId(id).orElseThrow(() -> new IllegalArgumentException(
                FAMILY_PROPERTY + " names no model family: " + id));
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
        return core.bot();
    }

    public ConversationViews views() {
        return core.views();
    }

    public BotHealth health() {
        return core.health();
    }

    /** The wired core: its review desk and the conversation of a message. */
    public CoreWiring core() {
        return core;
    }

    public ConversationStore store() {
        return state.store();
    }

    public JobQueue queue() {
        return state.queue();
    }

    @Override
    public void close() {
        worker.stop(Duration.ofSeconds(5));
        core.close();
        engine.close();
    }
}

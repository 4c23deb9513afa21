package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.model.ExecutionProviders;
import dev.kontextbot.inference.model.ModelInterface;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image editing and text-to-image on ONNX Runtime with one model family's package (FLUX.1 Kontext [dev] or
 * FLUX.2 [klein] 4B, {@link ModelInfo#family()}): one loaded pipeline per device. The family's own steps sit
 * behind {@link FamilyPipeline}; the lock, the text cache, the Euler loop, previews, cancellation and timings are
 * shared here.
 *
 * <p>Thread-safe. {@link #prepare} does a job's CPU work and may run on any thread at any time, so a worker can
 * prepare the next job while the device runs the current one; {@link #run} uses the device and runs one job at a
 * time (callers queue on a fair lock).
 */
public final class KontextEngine implements AutoCloseable {

    /** A preview image every this many steps, and on the last step. */
    public static final int PREVIEW_EVERY = 4;
    /** Text-to-image output side when no size is given. */
    public static final int DEFAULT_SIDE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KontextEngine.class);

    private final ModelInfo info;
    private final RequestLimits limits;
    private final SessionSet sessions;
    private final FamilyPipeline family;
    private final TextEmbeddingCache textCache;
    private final ReentrantLock deviceLock = new ReentrantLock(true);
    private final ExecutionProviders.Device device;
    /** Tests look at what the transformer is given; nothing else does. */
    private volatile java.util.function.Consumer<TransformerInputs> inputsObserver = inputs -> { };

    private KontextEngine(FamilyLoader.Loaded loaded, RequestLimits limits, long textCacheBytes) {
        this.info = loaded.info();
        this.device = ExecutionProviders.Device.valueOf(info.device().toUpperCase(java.util.Locale.ROOT));
        this.limits = limits;
        this.sessions = loaded.sessions();
        this.family = loaded.pipeline();
        this.textCache = new TextEmbeddingCache(textCacheBytes);
    }

    /**
     * Opens the model package on the configured device: its family from {@link EngineOptions#family()} (empty: told
     * from the graphs' interfaces), then that family's sessions and tokenizers.
     *
     * @throws InferenceException MODEL_PACKAGE when the package is neither family (naming what is missing) or is
     *                            not the family asked for
     */
    public static KontextEngine open(EngineOptions options) throws InferenceException {
        return open(options, RequestLimits.DEFAULT, Buckets::choose);
    }

    static KontextEngine open(EngineOptions options, RequestLimits limits, ContextSizing sizing)
            throws InferenceException {
        FamilyLoader.Loaded loaded = FamilyLoader.load(options, limits, sizing);
        JitWarmUp.run();
        return new KontextEngine(loaded, limits, options.textCacheBytes());
    }

    /**
     * Warm-up a worker runs at start ({@link WarmUpPlan}): eight 512x512 edits of 2 steps on the CPU and CUDA (about
     * a second on a CPU), one 1024x1024 edit at the profiles' opt shape on TensorRT.
     */
    public void warmUp() throws InferenceException {
        WarmUpPlan plan = WarmUpPlan.forDevice(device);
        warmUp(plan.jobs(), plan.side());
    }

    /**
     * Runs {@code jobs} small edits ({@code side} x {@code side}, 2 steps) through the whole path, PNG codec
     * included, so a long-running worker's first real jobs run compiled code instead of paying the JIT's warm-up
     * (measured: the second 1024x1024 job of a fresh JVM spends about 200 ms around the model, against 80 to
     * 115 ms once warm). Costs about a second on a CPU; {@code kontextbot edit} and tests skip it.
     */
    public void warmUp(int jobs, int side) throws InferenceException {
        long start = System.nanoTime();
        PngCodec png = new PngCodec();
        ImageDecoder decoder = new ImageDecoder();
        for (int i = 0; i < jobs; i++) {
            BufferedImage picture = SyntheticPhoto.create(side, side, i);
            EditResult result = run(EditRequest.edit("warm-up " + i, picture, i).withSteps(2).withSize(side, side),
                    StepListener.NONE, () -> false);
            decoder.decode(png.encodePng(result.image()));
        }
        LOG.info("Engine warmed up with {} small edits in {} ms", jobs, (System.nanoTime() - start) / 1_000_000);
    }

    public ModelInfo model() {
        return info;
    }

    /**
     * How many times {@code model}'s session was opened (more than once for the large text encoder in the
     * low-memory mode). Klein's Qwen3 text encoder counts as {@link ModelInterface#T5}, the role it plays; a role the
     * family does not have (klein's CLIP) counts 0.
     */
    public long sessionOpens(ModelInterface model) {
        return sessions.opens(model);
    }

    /** How many times {@code model}'s session has run since the engine opened (roles as {@link #sessionOpens}). */
    public long sessionRuns(ModelInterface model) {
        return sessions.runs(model);
    }

    /** {@link #prepare} then {@link #run(PreparedRequest, StepListener, BooleanSupplier)}. */
    public EditResult run(EditRequest request, StepListener listener, BooleanSupplier cancelled)
            throws InferenceException {
        return run(prepare(request), listener, cancelled);
    }

    /**
     * The CPU part of a job: validation, the family's picture preparation, tokens, noise and schedule.
     * Does not touch the device; safe to call concurrently with {@link #run}.
     */
    public PreparedRequest prepare(EditRequest request) throws InferenceException {
        limits.check(request);
        return family.prepare(request);
    }

    /**
     * The context latents of {@code image} in the family's stored layout ({@link #latentLayout}; Kontext
     * [1,16,Hc/8,Wc/8] normalised, klein [1,128,Hc/16,Wc/16]) at the size the family prepares it to, as a later
     * request's {@code contextLatents} (a worker can store them with a version and skip the VAE encoder next time).
     */
    public float[] encodeContext(BufferedImage image) throws InferenceException {
        deviceLock.lock();
        try {
            return family.encodeContext(image);
        } finally {
            deviceLock.unlock();
        }
    }

    /**
     * The size an edit of a {@code width x height} picture alone comes out at and its context is encoded at (Kontext:
     * its bucket; klein: capped and cropped to multiples of 16): a result of this size can be edited again from its
     * stored latents.
     */
    public Bucket contextSize(int width, int height) {
        return family.contextSize(width, height);
    }

    /** The layout of this engine's latents (results, context latents, noise) for a picture of the given size. */
    public LatentLayout latentLayout(int width, int height) {
        return LatentLayout.of(info.family(), width, height);
    }

    /**
     * Runs a prepared job on the device: text encoders (or the cache), VAE encoder (unless latents were
     * supplied), the sampling loop with progress and cancellation between steps, and the VAE decoder.
     */
    public EditResult run(PreparedRequest prepared, StepListener listener, BooleanSupplier cancelled)
            throws InferenceException {
        deviceLock.lock();
        try {
            sessions.resetCounters();
            return runLocked(prepared, listener, cancelled);
        } finally {
            deviceLock.unlock();
        }
    }

    private EditResult runLocked(PreparedRequest p, StepListener listener, BooleanSupplier cancelled)
            throws InferenceException {
        long t0 = System.nanoTime();
        if (cancelled.getAsBoolean()) {
            throw new InferenceException(InferenceException.Code.CANCELLED, "The edit was cancelled before it started.");
        }
        Optional<TextEmbeddings> cached = textCache.get(p.tokens.prompt());
        TextEmbeddings text;
        if (cached.isPresent()) {
            text = cached.get();
        } else {
            text = family.encodeText(p.tokens, textCache);
            textCache.put(p.tokens.prompt(), text);
        }
        long t1 = System.nanoTime();

        TransformerInputs inputs = family.denoiseInputs(p);
        inputsObserver.accept(inputs);
        long t2 = System.nanoTime();
        long modelBeforeLoop = sessions.takeNanos(ModelInterface.CLIP) + sessions.takeNanos(ModelInterface.T5)
                + sessions.takeNanos(ModelInterface.VAE_ENCODER);

        float[] x = p.x.clone();
        int steps = p.steps();
        long loopStart = System.nanoTime();
        try (FamilyPipeline.Velocity velocity = family.velocity(inputs, text, p)) {
            EulerSampler.run(x, p.sigmas, velocity, (step, current) -> {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - loopStart);
                Duration remaining = elapsed.dividedBy(step).multipliedBy(steps - step);
                Optional<BufferedImage> preview = Optional.empty();
                if (step % PREVIEW_EVERY == 0 || step == steps) {
                    preview = Optional.of(family.preview(current, p));
                }
                listener.onStep(new StepEvent(step, steps, elapsed, remaining, preview));
            }, cancelled);
        }
        long t3 = System.nanoTime();
        long transformerNanos = sessions.takeNanos(ModelInterface.TRANSFORMER);

        float[] latents = family.unpack(x, p);
        BufferedImage image = family.decode(latents, p.width, p.height);
        long t5 = System.nanoTime();
        long t4 = family.postProcessStart();

        long sessionNanos = modelBeforeLoop + transformerNanos + sessions.takeNanos(ModelInterface.VAE_DECODER);
        long sessionsCpu = sessions.takeCpuNanos();
        Timings timings = new Timings(Duration.ofNanos(p.resizeNanos), Duration.ofNanos(p.tokenizeNanos),
                Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2),
                Duration.ofNanos(transformerNanos), Duration.ofNanos(t4 - t3), Duration.ofNanos(t5 - t4),
                Duration.ofNanos(sessionNanos), Duration.ofNanos(sessionsCpu),
                Duration.ofNanos(p.resizeNanos + p.tokenizeNanos + (t5 - t0)), steps, cached.isPresent());
        return new EditResult(image, p.width, p.height, latents, text.truncated(), timings);
    }

    void observeTransformerInputs(java.util.function.Consumer<TransformerInputs> observer) {
        this.inputsObserver = observer;
    }

    @Override
    public void close() {
        deviceLock.lock();
        try {
            sessions.close();
        } finally {
            deviceLock.unlock();
        }
    }
}

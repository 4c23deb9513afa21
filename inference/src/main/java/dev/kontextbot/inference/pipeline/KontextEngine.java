package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.image.ImageDecoder;

import dev.kontextbot.inference.image.PngCodec;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.Previews;
import dev.kontextbot.inference.latent.LatentPacking;
import dev.kontextbot.inference.latent.SeededNoise;
import dev.kontextbot.inference.model.ExecutionProviders;
import dev.kontextbot.inference.model.ComputeCapability;
import dev.kontextbot.inference.model.DeterministicEncoder;
import dev.kontextbot.inference.model.GpuProbe;
import dev.kontextbot.inference.model.PackagePlanner;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.model.MemoryPlan;
import dev.kontextbot.inference.model.ModelPackage;
import dev.kontextbot.inference.model.ShapeProfiles;
import dev.kontextbot.inference.model.PackageProfile;
import dev.kontextbot.inference.model.ProviderOptions;
import dev.kontextbot.inference.model.OrtSessions;
import dev.kontextbot.inference.schedule.FlowMatchSchedule;
import dev.kontextbot.inference.text.ClipTokenizer;
import dev.kontextbot.inference.text.T5Tokenizer;
import dev.kontextbot.inference.text.TokenizedText;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FLUX.1 Kontext [dev] editing and text-to-image on ONNX Runtime: one loaded pipeline per device.
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
    private final ContextSizing sizing;
    private final ClipTokenizer clipTokenizer;
    private final T5Tokenizer t5Tokenizer;
    private final List<AutoCloseable> owned;
    private final SessionRunner[] runners;
    private final TextEncoder textEncoder;
    private final ContextEncoder contextEncoder;
    private final Denoiser denoiser;
    private final LatentDecoder latentDecoder;
    private final ReentrantLock deviceLock = new ReentrantLock(true);
    private final ExecutionProviders.Device device;
    /** The sizes this engine accepts on a GPU: the request limits capped by the memory plan (TensorRT's profiles). */
    private final ShapeProfiles profiles;
    private final LanczosResizer resizer = new LanczosResizer();
    private final Previews previews = new Previews();
    /** Tests look at what the transformer is given; nothing else does. */
    private volatile java.util.function.Consumer<TransformerInputs> inputsObserver = inputs -> { };

    private KontextEngine(ModelInfo info, RequestLimits limits, ContextSizing sizing, ClipTokenizer clipTokenizer,
                          T5Tokenizer t5Tokenizer, List<AutoCloseable> owned, SessionRunner clip, SessionRunner t5,
                          SessionRunner transformer, SessionRunner vaeEncoder, SessionRunner vaeDecoder,
                          long textCacheBytes, ShapeProfiles profiles) throws InferenceException {
        this.profiles = profiles;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.info = info;
        this.device = ExecutionProviders.Device.valueOf(info.device().toUpperCase(java.util.Locale.ROOT));
        this.limits = limits;
        this.sizing = sizing;
        this.clipTokenizer = clipTokenizer;
        this.t5Tokenizer = t5Tokenizer;
        this.owned = owned;
        this.runners = new SessionRunner[] {clip, t5, transformer, vaeEncoder, vaeDecoder};
        BufferPool pool = new BufferPool();
        this.textEncoder = new TextEncoder(env, clip, t5, transformer, new TextEmbeddingCache(textCacheBytes));
        this.contextEncoder = new ContextEncoder(env, vaeEncoder, pool);
        this.denoiser = new Denoiser(env, transformer, pool);
        this.latentDecoder = new LatentDecoder(env, vaeDecoder, pool);
    }

    /** Opens the model package's five sessions and two tokenizers on the configured device. */
    public static KontextEngine open(EngineOptions options) throws InferenceException {
        return open(options, RequestLimits.DEFAULT, Buckets::choose);
    }

    static KontextEngine open(EngineOptions options, RequestLimits limits, ContextSizing sizing)
            throws InferenceException {
        ModelPackage pkg = ModelPackage.open(options.modelDir(), options.precision());
        // Static facts first (protobuf only, no session): a package this device cannot run is refused in one
        // sentence before anything is loaded, and an unset precision becomes the best one the device runs.
        PackageProfile profile = PackageProfile.read(options.modelDir());
        // The GPU's facts (nvidia-smi, where present) decide the precision and the memory mode with the plan.
        Optional<GpuProbe.GpuInfo> gpu = options.device() == ExecutionProviders.Device.CPU ? Optional.empty()
                : GpuProbe.probe(options.gpuIndex());
        Optional<ComputeCapability> capability = gpu.flatMap(GpuProbe.GpuInfo::capability);
        PackagePlanner planner = new PackagePlanner(profile);
        if (options.precision().isEmpty()) {
            Optional<String> best = profile.choose(options.device(), capability, folder -> gpu
                    .map(g -> planner.plan(folder, options.device(), g.memoryBytes(), options.memory()).fits())
                    .orElse(true));
            if (best.isPresent() && !best.get().equals(pkg.precision())) {
                pkg = ModelPackage.open(options.modelDir(), best);
            }
            if (best.isPresent()) {
                LOG.info("Transformer precision {} chosen for {} (KONTEXT_PRECISION unset)", pkg.precision(),
                        options.device());
            }
        }
        Optional<String> refused = profile.refusal(pkg.precision(), options.device(), capability);
        if (refused.isPresent()) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    capitalised(refused.get()) + ".");
        }
        MemoryMode memory = options.memory();
        String folder = pkg.precision();
        Optional<MemoryPlan> plan = gpu.map(g -> planner.plan(folder, options.device(), g.memoryBytes(),
                options.memory()));
        if (memory == MemoryMode.AUTO) {
            memory = plan.map(MemoryPlan::mode).orElse(MemoryMode.RESIDENT);
        }
        // The request limits and the TensorRT profiles follow the plan's largest picture.
        ShapeProfiles shapes = plan.flatMap(MemoryPlan::maxPixels)
                .map(pixels -> new ShapeProfiles(256, 2048, Math.max(pixels, 256L * 256)))
                .orElse(ShapeProfiles.defaults());
        LOG.info("Memory mode {}{}", memory.label(), memory == MemoryMode.LOW
                ? ": T5 is opened on a text-cache miss and closed after" : ": all five models stay loaded");
        String device = options.device().name().toLowerCase(java.util.Locale.ROOT);
        LOG.info("Loading model package {} (transformer {}) on {}", options.modelDir(), pkg.precision(), device);
        if (pkg.isStandIn()) {
            LOG.info("This is the STAND-IN model package: small random weights, not FLUX.1 Kontext [dev]; "
                    + "its pictures are not edits.");
        }
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            OrtSessions sessions = new OrtSessions(OrtEnvironment.getEnvironment());
            // The transformer runs 28 times in a row: its worker threads may spin between runs. The other models
            // run once per job, followed by CPU work of ours (tensors, the result's encoding): their threads must
            // not spin on the two cores that work needs (measured: VAE decode 30 ms -> 10 ms, bench overhead
            // 140 -> 120 ms with the stand-in). Each model has its own options: on TensorRT, its own profiles.
            long startNanos = System.nanoTime();
            if (options.device() == ExecutionProviders.Device.TENSORRT) {
                LOG.info("Loading TensorRT engines from {} or building them: the first build for a GPU takes minutes "
                        + "(tens of minutes for the transformer); later starts load them in seconds",
                        options.cacheDir().resolve("tensorrt"));
            }
            SessionRunner clip = session(sessions, sessionOptions(options, ModelInterface.CLIP, profile, shapes,
                    memory, owned), "CLIP", pkg.clip(), owned, startNanos);
            OrtSession.SessionOptions t5Options = sessionOptions(options, ModelInterface.T5, profile, shapes, memory,
                    owned);
            java.nio.file.Path t5File = pkg.t5();
            SessionRunner t5 = memory == MemoryMode.LOW
                    ? SessionRunner.onDemand("T5", () -> sessions.open(t5File, t5Options))
                    : session(sessions, t5Options, "T5", pkg.t5(), owned, startNanos);
            if (t5.onDemand()) {
                owned.add(t5::closeOwned);
            }
            OrtSession.SessionOptions loopOptions = ExecutionProviders.options(options.device(), options.gpuIndex(),
                    options.cacheDir().resolve("tensorrt"), ModelInterface.TRANSFORMER,
                    profile.transformers().get(pkg.precision()).precision(), shapes, memory);
            owned.add(loopOptions);
            SessionRunner transformer = session(sessions, loopOptions, "transformer", pkg.transformer(), owned,
                    startNanos);
            SessionRunner vaeEncoder = profile.parts().get(ModelInterface.VAE_ENCODER).randomNodes().isEmpty()
                    ? session(sessions, sessionOptions(options, ModelInterface.VAE_ENCODER, profile, shapes, memory,
                            owned),
                            "VAE encoder", pkg.vaeEncoder(), owned, startNanos)
                    : deterministicEncoder(sessions, sessionOptions(options, ModelInterface.VAE_ENCODER, profile,
                            shapes, memory, owned), pkg, owned);
            SessionRunner vaeDecoder = session(sessions, sessionOptions(options, ModelInterface.VAE_DECODER, profile,
                    shapes, memory, owned), "VAE decoder", pkg.vaeDecoder(), owned, startNanos);
            if (memory == MemoryMode.LOW) {
                // The VAE runs once per job at full resolution: its arena gives the growth back after each run.
                OrtSession.RunOptions shrink = shrinkAfterRun(options);
                owned.add(shrink);
                vaeEncoder.useRunOptions(shrink);
                vaeDecoder.useRunOptions(shrink);
            }
            ClipTokenizer clipTok = ClipTokenizer.load(pkg.clipTokenizer());
            owned.add(clipTok);
            T5Tokenizer t5Tok = T5Tokenizer.load(pkg.t5Tokenizer());
            owned.add(t5Tok);
            ModelInfo info = new ModelInfo(options.modelDir(), pkg.precision(), device, pkg.isStandIn(),
                    ModelFamily.KONTEXT);
            JitWarmUp.run();
            return new KontextEngine(info, limits, sizing, clipTok, t5Tok, owned, clip, t5, transformer,
                    vaeEncoder, vaeDecoder, options.textCacheBytes(), shapes);
        } catch (InferenceException | RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /**
     * The released VAE encoder samples; the reference uses the posterior mean. Its random node is replaced by zeros in
     * memory and the patched graph loaded from bytes, with external weights (if any) resolved beside the file.
     */
    private static SessionRunner deterministicEncoder(OrtSessions sessions, OrtSession.SessionOptions encoderOptions,
                                                      ModelPackage pkg, List<AutoCloseable> owned)
            throws InferenceException {
        try {
            encoderOptions.addConfigEntry(DeterministicEncoder.EXTERNAL_FOLDER_OPTION,
                    pkg.vaeEncoder().toAbsolutePath().getParent().toString());
        } catch (ai.onnxruntime.OrtException e) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "ONNX Runtime refused a session option: " + e.getMessage(), e);
        }
        OrtSession session = sessions.open(DeterministicEncoder.patched(pkg.vaeEncoder()), pkg.vaeEncoder(),
                encoderOptions);
        owned.add(session);
        LOG.info("The VAE encoder samples (RandomNormalLike); its noise node is replaced by zeros, so it returns the mean");
        return new SessionRunner("VAE encoder", session);
    }

    private static OrtSession.RunOptions shrinkAfterRun(EngineOptions options) throws InferenceException {
        String arena = options.device() == ExecutionProviders.Device.CPU ? "cpu:0"
                : ProviderOptions.shrinkArenaAfterRun(options.gpuIndex()).values().iterator().next();
        try {
            OrtSession.RunOptions run = new OrtSession.RunOptions();
            run.addRunConfigEntry(ProviderOptions.ARENA_SHRINKAGE, arena);
            return run;
        } catch (ai.onnxruntime.OrtException e) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "ONNX Runtime refused a run option: " + e.getMessage(), e);
        }
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** Options for a once-per-job model: its own provider options and profiles, threads that do not spin. */
    private static OrtSession.SessionOptions sessionOptions(EngineOptions options, ModelInterface model,
                                                            PackageProfile profile, ShapeProfiles shapes,
                                                            MemoryMode memory, List<AutoCloseable> owned)
            throws InferenceException {
        OrtSession.SessionOptions o = ExecutionProviders.options(options.device(), options.gpuIndex(),
                options.cacheDir().resolve("tensorrt"), model, profile.parts().get(model).precision(), shapes,
                memory);
        owned.add(o);
        ExecutionProviders.noSpinning(o);
        return o;
    }

    private static SessionRunner session(OrtSessions sessions, OrtSession.SessionOptions options, String model,
                                         java.nio.file.Path file, List<AutoCloseable> owned, long startNanos)
            throws InferenceException {
        // From the file path, so external weight files resolve beside the model.
        OrtSession session = sessions.open(file, options);
        owned.add(session);
        LOG.info("{} ready after {} s", model, (System.nanoTime() - startNanos) / 1_000_000_000L);
        return new SessionRunner(model, session);
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

    /** How many times {@code model}'s session was opened (more than once for T5 in the low-memory mode). */
    public long sessionOpens(ModelInterface model) {
        return runners[index(model)].opens();
    }

    private static int index(ModelInterface model) {
        return switch (model) {
            case CLIP -> 0;
            case T5 -> 1;
            case TRANSFORMER -> 2;
            case VAE_ENCODER -> 3;
            case VAE_DECODER -> 4;
        };
    }

    /** How many times {@code model}'s session has run since the engine opened (for tests and metrics). */
    public long sessionRuns(ModelInterface model) {
        return runners[index(model)].runs();
    }

    /** {@link #prepare} then {@link #run(PreparedRequest, StepListener, BooleanSupplier)}. */
    public EditResult run(EditRequest request, StepListener listener, BooleanSupplier cancelled)
            throws InferenceException {
        return run(prepare(request), listener, cancelled);
    }

    /**
     * The CPU part of a job: validation, bucket and Lanczos resize, pixel tensor, tokens, noise and schedule.
     * Does not touch the device; safe to call concurrently with {@link #run}.
     */
    public PreparedRequest prepare(EditRequest request) throws InferenceException {
        limits.check(request);
        long t0 = System.nanoTime();
        Optional<PreparedRequest.Context> context = context(request);
        List<BufferedImage> references = new ArrayList<>(request.references().size());
        for (BufferedImage picture : request.references()) {
            // Each at its own bucket: aspect kept, no collage squeezing it to a shared height.
            Bucket bucket = sizing.choose(picture.getWidth(), picture.getHeight());
            references.add(resizer.resize(picture, bucket.width(), bucket.height()));
        }
        int width;
        int height;
        if (request.width().isPresent()) {
            width = request.width().get();
            height = request.height().orElseThrow();
        } else if (context.isPresent()) {
            width = context.get().width();
            height = context.get().height();
        } else {
            width = DEFAULT_SIDE;
            height = DEFAULT_SIDE;
        }
        long contextTokens = context.map(c -> (long) (c.width() / 16) * (c.height() / 16)).orElse(0L);
        if (device != ExecutionProviders.Device.CPU && !profiles.fits(width, height, contextTokens)) {
            throw RequestLimits.invalid("A " + width + "x" + height + " picture with this context is larger than "
                    + "this GPU's memory plan and engines allow (at most "
                    + String.format(java.util.Locale.ROOT, "%.1f", profiles.maxPixels() / 1e6) + " megapixels, " + profiles.maxSequence() + " tokens with the context); use a smaller size.");
        }
        long t1 = System.nanoTime();

        TokenizedText clip = clipTokenizer.encode(request.prompt());
        TokenizedText t5 = t5Tokenizer.encode(request.prompt());
        var tokens = new PreparedRequest.Tokens(request.prompt(), clip.ids(), t5.ids(),
                clip.truncated() || t5.truncated());

        int h = height / ContextEncoder.VAE_FACTOR;
        int w = width / ContextEncoder.VAE_FACTOR;
        int count = ContextEncoder.LATENT_CHANNELS * h * w;
        float[] noise;
        if (request.noise().isPresent()) {
            noise = request.noise().get();
            if (noise.length != count) {
                throw RequestLimits.invalid("The noise has " + noise.length + " values; a " + width + "x" + height
                        + " output needs [1,16," + h + "," + w + "] = " + count + ".");
            }
        } else {
            noise = SeededNoise.gaussian(request.seed(), count);
        }
        float[] x = LatentPacking.pack(noise, ContextEncoder.LATENT_CHANNELS, h, w);
        // mu comes from the noise tokens only; the context tokens do not count.
        double[] sigmas = FlowMatchSchedule.sigmas(request.steps(), (h / 2) * (w / 2));
        long t2 = System.nanoTime();
        return new PreparedRequest(tokens, context, references, width, height, x, sigmas, request.guidance(), t1 - t0,
                t2 - t1);
    }

    private Optional<PreparedRequest.Context> context(EditRequest request) throws InferenceException {
        Optional<float[]> latents = request.contextLatents();
        if (request.contextImage().isPresent()) {
            BufferedImage image = request.contextImage().get();
            Bucket bucket = sizing.choose(image.getWidth(), image.getHeight());
            if (latents.isPresent()) {
                checkLatents(latents.get(), bucket.width(), bucket.height());
                return Optional.of(new PreparedRequest.Context(Optional.empty(), latents, bucket.width(),
                        bucket.height()));
            }
            BufferedImage resized = resizer.resize(image, bucket.width(), bucket.height());
            return Optional.of(new PreparedRequest.Context(Optional.of(resized), Optional.empty(), bucket.width(),
                    bucket.height()));
        }
        if (latents.isPresent()) {
            if (request.width().isEmpty()) {
                throw RequestLimits.invalid(
                        "Context latents without a context image need the width and height they were made at.");
            }
            int cw = request.width().get();
            int ch = request.height().orElseThrow();
            checkLatents(latents.get(), cw, ch);
            return Optional.of(new PreparedRequest.Context(Optional.empty(), latents, cw, ch));
        }
        return Optional.empty();
    }

    /**
     * The normalised context latents [1,16,Hc/8,Wc/8] of {@code image} at its bucket size, as a later request's
     * {@code contextLatents} (a worker can store them with a version and skip the VAE encoder next time).
     */
    public float[] encodeContext(BufferedImage image) throws InferenceException {
        Bucket bucket = sizing.choose(image.getWidth(), image.getHeight());
        BufferedImage resized = resizer.resize(image, bucket.width(), bucket.height());
        deviceLock.lock();
        try {
            return contextEncoder.encode(resized);
        } finally {
            deviceLock.unlock();
        }
    }

    /** The size a context picture of {@code width} x {@code height} is encoded at: its bucket. */
    public Bucket contextSize(int width, int height) {
        return sizing.choose(width, height);
    }

    private static void checkLatents(float[] latents, int width, int height) throws InferenceException {
        int expected = ContextEncoder.LATENT_CHANNELS * (height / 8) * (width / 8);
        if (latents.length != expected) {
            throw RequestLimits.invalid("The context latents have " + latents.length + " values; a " + width + "x"
                    + height + " context needs [1,16," + height / 8 + "," + width / 8 + "] = " + expected + ".");
        }
    }

    /**
     * Runs a prepared job on the device: text encoders (or the cache), VAE encoder (unless latents were
     * supplied), the sampling loop with progress and cancellation between steps, and the VAE decoder.
     */
    public EditResult run(PreparedRequest prepared, StepListener listener, BooleanSupplier cancelled)
            throws InferenceException {
        deviceLock.lock();
        try {
            for (SessionRunner r : runners) {
                r.takeNanos();
                r.takeCpuNanos();
            }
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
        TextEncoder.Encoded text = textEncoder.encode(p.tokens);
        long t1 = System.nanoTime();

        int h = p.height / ContextEncoder.VAE_FACTOR;
        int w = p.width / ContextEncoder.VAE_FACTOR;
        int n = (h / 2) * (w / 2);
        float[] contextTokens = new float[0];
        float[] ids = LatentPacking.imageIds(h / 2, w / 2, 0f);
        if (p.context.isPresent()) {
            PreparedRequest.Context c = p.context.get();
            float[] latents = c.latents().isPresent() ? c.latents().get()
                    : contextEncoder.encode(c.image().orElseThrow());
            ContextGroups groups = new ContextGroups();
            groups.add(latents, c.height(), c.width());
            for (BufferedImage reference : p.references) {
                groups.add(contextEncoder.encode(reference), reference.getHeight(), reference.getWidth());
            }
            contextTokens = groups.tokens();
            float[] ctxIds = groups.ids();
            float[] all = java.util.Arrays.copyOf(ids, ids.length + ctxIds.length);
            System.arraycopy(ctxIds, 0, all, ids.length, ctxIds.length);
            ids = all;
        }
        inputsObserver.accept(new TransformerInputs(n, contextTokens, ids));
        long t2 = System.nanoTime();
        long modelBeforeLoop = sessionNanos();

        float[] x = p.x.clone();
        int steps = p.steps();
        long loopStart = System.nanoTime();
        denoiser.run(x, n, contextTokens, ids, text.embeddings(), p.sigmas, p.guidance, (step, current) -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - loopStart);
            Duration remaining = elapsed.dividedBy(step).multipliedBy(steps - step);
            Optional<BufferedImage> preview = Optional.empty();
            if (step % PREVIEW_EVERY == 0 || step == steps) {
                // Straight from the packed tokens: no unpacked copy per preview.
                preview = Optional.of(previews.tokenPreview(current, 0, h, w));
            }
            listener.onStep(new StepEvent(step, steps, elapsed, remaining, preview));
        }, cancelled);
        long t3 = System.nanoTime();
        long transformerNanos = runners[2].takeNanos();

        float[] latents = LatentPacking.unpack(x, ContextEncoder.LATENT_CHANNELS, h, w);
        BufferedImage image = latentDecoder.decode(latents, p.width, p.height);
        long t5 = System.nanoTime();
        long t4 = latentDecoder.postProcessStart();

        long sessions = modelBeforeLoop + transformerNanos + runners[4].takeNanos();
        long sessionsCpu = 0;
        for (SessionRunner r : runners) {
            sessionsCpu += r.takeCpuNanos();
        }
        Timings timings = new Timings(Duration.ofNanos(p.resizeNanos), Duration.ofNanos(p.tokenizeNanos),
                Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2),
                Duration.ofNanos(transformerNanos), Duration.ofNanos(t4 - t3), Duration.ofNanos(t5 - t4),
                Duration.ofNanos(sessions), Duration.ofNanos(sessionsCpu), Duration.ofNanos(p.resizeNanos + p.tokenizeNanos + (t5 - t0)), steps,
                text.cacheHit());
        return new EditResult(image, p.width, p.height, latents, text.embeddings().truncated(), timings);
    }

    /** What the transformer gets besides the noise: N, the context tokens [1,Nc,64] and the ids [(N+Nc),3]. */
    record TransformerInputs(int noiseTokens, float[] context, float[] ids) {
        int contextTokens() {
            return context.length / Denoiser.TOKEN_DIM;
        }
    }

    void observeTransformerInputs(java.util.function.Consumer<TransformerInputs> observer) {
        this.inputsObserver = observer;
    }


    /** Session time of the text encoders and the VAE encoder so far in this job (taken, so counted once). */
    private long sessionNanos() {
        return runners[0].takeNanos() + runners[1].takeNanos() + runners[3].takeNanos();
    }

    @Override
    public void close() {
        deviceLock.lock();
        try {
            closeAll(owned);
        } finally {
            deviceLock.unlock();
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", resources.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        resources.clear();
    }
}

package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ComputeCapability;
import dev.kontextbot.inference.model.DeterministicEncoder;
import dev.kontextbot.inference.model.ExecutionProviders;
import dev.kontextbot.inference.model.GpuProbe;
import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.model.MemoryPlan;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.model.ModelPackage;
import dev.kontextbot.inference.model.OrtSessions;
import dev.kontextbot.inference.model.PackagePlanner;
import dev.kontextbot.inference.model.PackageProfile;
import dev.kontextbot.inference.model.ProviderOptions;
import dev.kontextbot.inference.model.ShapeProfiles;
import dev.kontextbot.inference.text.ClipTokenizer;
import dev.kontextbot.inference.text.T5Tokenizer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a FLUX.1 Kontext [dev] package: the static profile and the memory plan choose the precision and the memory
 * mode, then the five sessions (each with its own provider options) and the two tokenizers are opened.
 */
final class KontextLoader {

    private static final Logger LOG = LoggerFactory.getLogger(KontextLoader.class);

    private KontextLoader() {
    }

    /** Opens the package's five sessions and two tokenizers on the configured device. */
    static FamilyLoader.Loaded load(EngineOptions options, ContextSizing sizing) throws InferenceException {
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
        SessionSet owned = new SessionSet();
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
                owned.own(t5::closeOwned);
            }
            OrtSession.SessionOptions loopOptions = ExecutionProviders.options(options.device(), options.gpuIndex(),
                    options.cacheDir().resolve("tensorrt"), ModelInterface.TRANSFORMER,
                    profile.transformers().get(pkg.precision()).precision(), shapes, memory);
            owned.own(loopOptions);
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
                owned.own(shrink);
                vaeEncoder.useRunOptions(shrink);
                vaeDecoder.useRunOptions(shrink);
            }
            ClipTokenizer clipTok = owned.own(ClipTokenizer.load(pkg.clipTokenizer()));
            T5Tokenizer t5Tok = owned.own(T5Tokenizer.load(pkg.t5Tokenizer()));
            ModelInfo info = new ModelInfo(options.modelDir(), pkg.precision(), device, pkg.isStandIn(),
                    ModelFamily.KONTEXT);
            owned.put(ModelInterface.CLIP, clip);
            owned.put(ModelInterface.T5, t5);
            owned.put(ModelInterface.TRANSFORMER, transformer);
            owned.put(ModelInterface.VAE_ENCODER, vaeEncoder);
            owned.put(ModelInterface.VAE_DECODER, vaeDecoder);
            KontextPipeline pipeline = new KontextPipeline(owned, sizing, clipTok, t5Tok, options.device(), shapes);
            return new FamilyLoader.Loaded(info, owned, pipeline);
        } catch (InferenceException | RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /**
     * The released VAE encoder samples; the reference uses the posterior mean. Its random node is replaced by zeros in
     * memory and the patched graph loaded from bytes, with external weights (if any) resolved beside the file.
     */
    private static SessionRunner deterministicEncoder(OrtSessions sessions, OrtSession.SessionOptions encoderOptions,
                                                      ModelPackage pkg, SessionSet owned)
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
        owned.own(session);
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
                                                            MemoryMode memory, SessionSet owned)
            throws InferenceException {
        OrtSession.SessionOptions o = ExecutionProviders.options(options.device(), options.gpuIndex(),
                options.cacheDir().resolve("tensorrt"), model, profile.parts().get(model).precision(), shapes,
                memory);
        owned.own(o);
        ExecutionProviders.noSpinning(o);
        return o;
    }

    private static SessionRunner session(OrtSessions sessions, OrtSession.SessionOptions options, String model,
                                         java.nio.file.Path file, SessionSet owned, long startNanos)
            throws InferenceException {
        // From the file path, so external weight files resolve beside the model.
        OrtSession session = sessions.open(file, options);
        owned.own(session);
        LOG.info("{} ready after {} s", model, (System.nanoTime() - startNanos) / 1_000_000_000L);
        return new SessionRunner(model, session);
    }

}

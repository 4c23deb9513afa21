package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders;
import dev.kontextbot.inference.model.KleinPackage;
import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.model.OrtSessions;
import dev.kontextbot.inference.model.Precision;
import dev.kontextbot.inference.model.ShapeProfiles;
import dev.kontextbot.inference.text.Qwen3PromptTokenizer;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a FLUX.2 [klein] package: the four graphs (from their paths, so external data resolves beside them) and the
 * Qwen3 tokenizer. Precision follows the files (the published export is already quantised: int4 text encoder, int8
 * transformer), so there is nothing to choose. TensorRT is refused: its provider does not run {@code MatMulNBits}.
 */
final class KleinLoader {

    private static final Logger LOG = LoggerFactory.getLogger(KleinLoader.class);
    /** What {@link ModelInfo#precision()} says for klein: the files' own quantisation. */
    static final String PRECISION = "as exported";

    private KleinLoader() {
    }

    static FamilyLoader.Loaded load(EngineOptions options, RequestLimits limits) throws InferenceException {
        if (options.device() == ExecutionProviders.Device.TENSORRT) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER, "TensorRT does not run "
                    + ModelFamily.KLEIN.displayName() + "'s MatMulNBits nodes; set KONTEXT_DEVICE=cuda (or cpu).");
        }
        KleinPackage pkg = KleinPackage.open(options.modelDir());
        String device = options.device().name().toLowerCase(Locale.ROOT);
        MemoryMode memory = options.memory() == MemoryMode.LOW ? MemoryMode.LOW : MemoryMode.RESIDENT;
        LOG.info("Loading {} package {} on {}; memory mode {}{}", ModelFamily.KLEIN.displayName(),
                options.modelDir(), device, memory.label(), memory == MemoryMode.LOW
                        ? ": the text encoder is opened on a text-cache miss and closed after" : "");
        if (pkg.isStandIn()) {
            LOG.info("This is the STAND-IN klein package: small random weights; its pictures are not edits.");
        }
        SessionSet set = new SessionSet();
        try {
            OrtSessions sessions = new OrtSessions(OrtEnvironment.getEnvironment());
            OrtSession.SessionOptions textOptions = options(options, set, true);
            Path textFile = pkg.file(KleinPackage.Graph.TEXT_ENCODER);
            SessionRunner text = memory == MemoryMode.LOW
                    ? SessionRunner.onDemand("Qwen3 text encoder", () -> sessions.open(textFile, textOptions))
                    : runner(sessions, set, textOptions, "Qwen3 text encoder", textFile);
            if (text.onDemand()) {
                set.own(text::closeOwned);
            }
            // The transformer runs a few times in a row: its threads may spin between runs; the others may not.
            SessionRunner transformer = runner(sessions, set, options(options, set, false), "transformer",
                    pkg.file(KleinPackage.Graph.TRANSFORMER));
            SessionRunner encoder = runner(sessions, set, options(options, set, true), "VAE encoder",
                    pkg.file(KleinPackage.Graph.VAE_ENCODER));
            SessionRunner decoder = runner(sessions, set, options(options, set, true), "VAE decoder",
                    pkg.file(KleinPackage.Graph.VAE_DECODER));
            set.put(ModelInterface.T5, text);
            set.put(ModelInterface.TRANSFORMER, transformer);
            set.put(ModelInterface.VAE_ENCODER, encoder);
            set.put(ModelInterface.VAE_DECODER, decoder);
            Qwen3PromptTokenizer tokenizer = set.own(Qwen3PromptTokenizer.load(pkg.tokenizer()));
            ModelInfo info = new ModelInfo(options.modelDir(), PRECISION, device, pkg.isStandIn(), ModelFamily.KLEIN);
            return new FamilyLoader.Loaded(info, set, new KleinPipeline(set, tokenizer, limits));
        } catch (InferenceException | RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions options(EngineOptions options, SessionSet set, boolean noSpinning)
            throws InferenceException {
        OrtSession.SessionOptions o = set.own(ExecutionProviders.options(options.device(), options.gpuIndex(),
                options.cacheDir().resolve("tensorrt"), ModelInterface.TRANSFORMER, Precision.FP32,
                ShapeProfiles.defaults(), options.memory()));
        if (noSpinning) {
            ExecutionProviders.noSpinning(o);
        }
        return o;
    }

    private static SessionRunner runner(OrtSessions sessions, SessionSet set, OrtSession.SessionOptions options,
                                        String model, Path file) throws InferenceException {
        return new SessionRunner(model, set.own(sessions.open(file, options)));
    }
}

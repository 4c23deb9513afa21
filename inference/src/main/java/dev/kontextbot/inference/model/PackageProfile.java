package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The static facts of a package's graphs ({@link GraphInspector}, no session): what each part computes in and how
 * much it weighs, for every transformer precision folder present. Read at start, before any session is created, so
 * that a package the device cannot run is refused in one sentence and never half-loaded.
 *
 * @param parts        the text encoders and the VAE
 * @param transformers precision folder -> the transformer's summary, in preference order
 */
public record PackageProfile(Map<ModelInterface, GraphSummary> parts, Map<String, GraphSummary> transformers) {

    /** Reads every model file present in {@code dir} (missing ones are left out; {@link ModelPackage} names them). */
    public static PackageProfile read(Path dir) throws InferenceException {
        GraphInspector inspector = new GraphInspector();
        Map<ModelInterface, GraphSummary> parts = new EnumMap<>(ModelInterface.class);
        for (ModelInterface m : List.of(ModelInterface.CLIP, ModelInterface.T5, ModelInterface.VAE_ENCODER,
                ModelInterface.VAE_DECODER)) {
            String file = m.folder() + "/" + ModelPackage.MODEL_FILE;
            if (Files.isRegularFile(dir.resolve(file))) {
                parts.put(m, inspector.inspect(dir.resolve(file), file));
            }
        }
        Map<String, GraphSummary> transformers = new LinkedHashMap<>();
        for (String p : ModelPackage.presentPrecisions(dir)) {
            String file = ModelInterface.TRANSFORMER.folder() + "/" + p + "/" + ModelPackage.MODEL_FILE;
            transformers.put(p, inspector.inspect(dir.resolve(file), file));
        }
        return new PackageProfile(Map.copyOf(parts), transformers);
    }

    /** Why {@code device} cannot run this package with transformer {@code folder}, in one sentence; empty if it can. */
    public Optional<String> refusal(String folder, Device device, Optional<ComputeCapability> capability) {
        GraphSummary t = transformers.get(folder);
        if (t != null) {
            Optional<String> r = refusal(ModelInterface.TRANSFORMER, t, device, capability);
            if (r.isPresent()) {
                return r;
            }
        }
        for (Map.Entry<ModelInterface, GraphSummary> e : parts.entrySet()) {
            Optional<String> r = refusal(e.getKey(), e.getValue(), device, capability);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusal(ModelInterface m, GraphSummary s, Device device,
                                            Optional<ComputeCapability> capability) {
        return PrecisionSupport.refusal(m.plainName(), s.precision(),
                s.customDomains().contains(GraphSummary.TRT_DOMAIN), device, capability);
    }

    /**
     * The precision folder to use when none is configured: the first present (best quality first: bf16, fp8, fp4,
     * ...) that the device runs and {@code fits} accepts (the memory plan); empty when none does.
     */
    public Optional<String> choose(Device device, Optional<ComputeCapability> capability, Predicate<String> fits) {
        return transformers.keySet().stream()
                .filter(f -> refusal(f, device, capability).isEmpty())
                .filter(fits)
                .findFirst();
    }

    /** Weight bytes of each part with transformer {@code folder}, for the memory plan. */
    public Map<ModelInterface, Long> weights(String folder) {
        Map<ModelInterface, Long> w = new EnumMap<>(ModelInterface.class);
        parts.forEach((m, s) -> w.put(m, s.totalWeightBytes()));
        Optional.ofNullable(transformers.get(folder)).ifPresent(s -> w.put(ModelInterface.TRANSFORMER, s.totalWeightBytes()));
        return w;
    }
}

package dev.kontextbot.inference.model;

import dev.kontextbot.inference.model.ExecutionProviders.Device;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Memory plans for a package: one per transformer precision folder, each on the provider it needs (the configured
 * GPU provider, or TensorRT for fp8 and fp4), and the precision chosen: the best that runs and fits.
 */
public final class PackagePlanner {

    private final PackageProfile profile;

    public PackagePlanner(PackageProfile profile) {
        this.profile = profile;
    }

    /** The provider a plan for {@code folder} assumes: TensorRT for fp8/fp4 or trt operators, else {@code configured}. */
    public Device deviceFor(String folder, Device configured) {
        GraphSummary t = profile.transformers().get(folder);
        boolean trtOnly = t.precision() == Precision.FP8 || t.precision() == Precision.FP4
                || t.customDomains().contains(GraphSummary.TRT_DOMAIN);
        if (trtOnly) {
            return Device.TENSORRT;
        }
        return configured == Device.CPU ? Device.CUDA : configured;
    }

    public MemoryPlan plan(String folder, Device device, long gpuBytes, MemoryMode mode) {
        GraphSummary t = profile.transformers().get(folder);
        GraphSummary decoder = profile.parts().get(ModelInterface.VAE_DECODER);
        boolean vaeFp32 = decoder == null || decoder.precision() == Precision.FP32;
        return MemoryPlan.plan(profile.weights(folder), device, t.precision(), vaeFp32, gpuBytes, mode);
    }

    /** The plan's lines for every precision folder, then the choice for {@code configured}. */
    public List<String> lines(Device configured, long gpuBytes, MemoryMode mode, Optional<ComputeCapability> capability) {
        List<String> lines = new ArrayList<>();
        for (String folder : profile.transformers().keySet()) {
            Device device = deviceFor(folder, configured);
            lines.add("transformer.opt/" + folder + " (" + profile.transformers().get(folder).precision().label()
                    + ") on " + device.name().toLowerCase(java.util.Locale.ROOT) + ":");
            plan(folder, device, gpuBytes, mode).lines().forEach(l -> lines.add("  " + l));
        }
        Optional<String> best = profile.choose(configured, capability,
                folder -> plan(folder, configured, gpuBytes, mode).fits());
        lines.add(best.map(f -> "With KONTEXT_DEVICE=" + configured.name().toLowerCase(java.util.Locale.ROOT)
                        + " and KONTEXT_PRECISION unset: transformer " + f + " (the best precision that runs and fits)")
                .orElse("With KONTEXT_DEVICE=" + configured.name().toLowerCase(java.util.Locale.ROOT)
                        + ": no precision folder of this package both runs and fits a 1024x1024 edit"));
        return lines;
    }
}

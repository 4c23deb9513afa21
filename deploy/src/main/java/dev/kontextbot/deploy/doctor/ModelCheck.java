package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.app.ModelResolver;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.model.GpuProbe;
import dev.kontextbot.inference.model.KleinPackage;
import dev.kontextbot.inference.model.MemoryPlan;
import dev.kontextbot.inference.model.ModelPackage;
import dev.kontextbot.inference.model.PackagePlanner;
import dev.kontextbot.inference.model.PackageProfile;
import dev.kontextbot.inference.pipeline.ModelFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model package: present, complete, and whether it is the stand-in. */
final class ModelCheck implements Check {

    private final KontextConfig config;

    ModelCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        ModelResolver resolver = new ModelResolver(config);
        Optional<ModelResolver.Resolution> located = resolver.locate();
        if (located.isEmpty()) {
            return List.of(CheckResult.warn("model", "no model package yet: run will write the stand-in to "
                    + resolver.standInDir() + " (" + ModelResolver.STAND_IN_NOTE + ")"));
        }
        Path dir = located.get().dir();
        if (!Files.isDirectory(dir)) {
            return List.of(CheckResult.fail("model", "model folder " + dir + " does not exist: set KONTEXT_MODEL_DIR to "
                    + "an ONNX release of FLUX.2 [klein] 4B or FLUX.1 Kontext [dev], or unset it to use the stand-in"));
        }
        ModelFamily family = located.get().family();
        CheckResult licence = CheckResult.ok("licence", family.displayName() + ": " + family.licence().name() + ", "
                + family.licence().meaning());
        if (family == ModelFamily.KLEIN) {
            return klein(dir, licence);
        }
        ModelPackage model;
        try {
            // The layout only: opening every session of the real model would take minutes and most of the RAM.
            model = ModelPackage.open(dir, config.precision());
        } catch (InferenceException e) {
            return List.of(CheckResult.fail("model", e.getMessage()));
        }
        List<CheckResult> results = new ArrayList<>();
        results.add(licence);
        String complete = dir + " is complete (transformer " + model.precision() + ")";
        results.add(model.isStandIn()
                ? CheckResult.warn("model", complete + "; " + ModelResolver.STAND_IN_NOTE)
                : CheckResult.ok("model", complete + "; kontextbot models check " + dir + " checks every tensor"));
        // The same static facts the engine reads at start: what this device refuses is said here, not mid-job.
        Optional<GpuProbe.GpuInfo> gpu = config.device() == Device.CPU ? Optional.empty() : GpuProbe.probe(config.gpu());
        PackageProfile profile;
        try {
            profile = PackageProfile.read(dir);
        } catch (InferenceException e) {
            results.add(CheckResult.fail("model", e.getMessage()));
            return results;
        }
        String folder = config.precision().orElse(model.precision());
        Optional<String> refused = profile.refusal(folder, config.device(), gpu.flatMap(GpuProbe.GpuInfo::capability));
        if (refused.isPresent()) {
            results.add(CheckResult.fail("model", refused.get()));
            return results;
        }
        if (gpu.isPresent() && profile.transformers().containsKey(folder)) {
            MemoryPlan plan = new PackagePlanner(profile).plan(folder, config.device(), gpu.get().memoryBytes(),
                    config.memory());
            String last = plan.lines().getLast();
            results.add(plan.fits() ? CheckResult.ok("gpu memory", gpu.get().name() + ": " + last)
                    : CheckResult.fail("gpu memory", gpu.get().name() + ": " + last));
        } else if (config.device() != Device.CPU) {
            results.add(CheckResult.warn("gpu memory", "nvidia-smi found no GPU " + config.gpu()
                    + "; kontextbot models plan " + dir + " --gpu-memory GB shows what fits"));
        }
        return results;
    }

    /** A klein package: its four graphs and tokenizer present (the graphs' interfaces: {@code models check}). */
    private static List<CheckResult> klein(Path dir, CheckResult licence) {
        KleinPackage model;
        try {
            model = KleinPackage.open(dir);
        } catch (InferenceException e) {
            return List.of(licence, CheckResult.fail("model", e.getMessage()));
        }
        String complete = dir + " is a complete FLUX.2 [klein] 4B package";
        return List.of(licence, model.isStandIn()
                ? CheckResult.warn("model", complete + "; " + ModelResolver.STAND_IN_NOTE)
                : CheckResult.ok("model", complete + "; kontextbot models check " + dir + " checks every tensor"));
    }
}

package dev.kontextbot.deploy.cli;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.model.MemoryMode;
import dev.kontextbot.inference.pipeline.EngineOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The engine flags that {@code edit} and {@code bench} share ({@code --model}, {@code --device}, {@code --gpu},
 * {@code --precision}, {@code --data-dir}), mixed into each command with {@code @Mixin}.
 */
final class EngineFlags {

    @Option(names = "--model", paramLabel = "DIR",
            description = "The model package directory (default: KONTEXT_MODEL_DIR).")
    Path model;

    @Option(names = "--device", description = "cpu, cuda or tensorrt (default: KONTEXT_DEVICE, else cpu).")
    String device;

    @Option(names = "--gpu", description = "GPU index (default: KONTEXT_GPU, else 0).")
    Integer gpu;

    @Option(names = "--precision",
            description = "Transformer precision folder (default: KONTEXT_PRECISION, else the first present).")
    String precision;

    @Option(names = "--data-dir",
            description = "Where caches go (default: KONTEXT_DATA_DIR, else ./data).")
    Path dataDir;

    /**
     * Engine options from these flags, else the environment (KONTEXT_MODEL_DIR, KONTEXT_DEVICE, KONTEXT_GPU,
     * KONTEXT_PRECISION, KONTEXT_DATA_DIR), else the defaults.
     *
     * @throws InferenceException INVALID_REQUEST when there is no model directory or KONTEXT_GPU is not a number
     */
    EngineOptions engineOptions(Map<String, String> env) throws InferenceException {
        Path modelDir = model != null ? model : Optional.ofNullable(env.get("KONTEXT_MODEL_DIR")).filter(s -> !s.isBlank())
                .map(Path::of).orElseThrow(() -> new InferenceException(InferenceException.Code.INVALID_REQUEST,
                        "No model package: pass --model DIR or set KONTEXT_MODEL_DIR."));
        String deviceName = device != null ? device : env.getOrDefault("KONTEXT_DEVICE", "cpu");
        int gpuIndex;
        try {
            gpuIndex = gpu != null ? gpu : Integer.parseInt(env.getOrDefault("KONTEXT_GPU", "0").trim());
        } catch (NumberFormatException e) {
            throw new InferenceException(InferenceException.Code.INVALID_REQUEST,
                    "KONTEXT_GPU must be a GPU index such as 0 (got '" + env.get("KONTEXT_GPU") + "').");
        }
        Optional<String> precisionFolder = Optional.ofNullable(precision != null ? precision
                : env.get("KONTEXT_PRECISION")).filter(s -> !s.isBlank());
        Path data = dataDir != null ? dataDir : Path.of(env.getOrDefault("KONTEXT_DATA_DIR", "./data"));
        return new EngineOptions(modelDir, Device.parse(deviceName), gpuIndex, precisionFolder, data.resolve("cache"),
                EngineOptions.DEFAULT_TEXT_CACHE_BYTES, MemoryMode.parse(env.get("KONTEXT_MEMORY")));
    }
}

package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.model.MemoryMode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a {@link KontextEngine}.
 *
 * @param modelDir       the model package (layout of ARCHITECTURE.md)
 * @param device         where the sessions run
 * @param gpuIndex       which GPU (ignored on CPU)
 * @param precision      the transformer precision folder, else the package's first present one
 * @param cacheDir       where execution providers keep caches (TensorRT engines)
 * @param textCacheBytes the byte budget of the per-prompt text-embedding cache (0 disables it)
 * @param memory         KONTEXT_MEMORY: LOW opens the large text encoder only on a text-cache miss; AUTO follows the
 *                       memory plan
 * @param family         KONTEXT_FAMILY: the family the package must be; empty (auto) tells it from the graphs
 */
public record EngineOptions(Path modelDir, Device device, int gpuIndex, Optional<String> precision, Path cacheDir,
                            long textCacheBytes, MemoryMode memory, Optional<ModelFamily> family) {

    /** Room for about eight prompts of float32 T5 embeddings (8 MiB each). */
    public static final long DEFAULT_TEXT_CACHE_BYTES = 64L << 20;

    public EngineOptions {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(family, "family");
        if (gpuIndex < 0) {
            throw new IllegalArgumentException("gpuIndex must be >= 0");
        }
        if (textCacheBytes < 0) {
            throw new IllegalArgumentException("textCacheBytes must be >= 0");
        }
    }

    /** Options with the family told from the package itself (KONTEXT_FAMILY=auto). */
    public EngineOptions(Path modelDir, Device device, int gpuIndex, Optional<String> precision, Path cacheDir,
                         long textCacheBytes, MemoryMode memory) {
        this(modelDir, device, gpuIndex, precision, cacheDir, textCacheBytes, memory, Optional.empty());
    }

    /** CPU, default precision, default cache budget. */
    public static EngineOptions cpu(Path modelDir, Path cacheDir) {
        return new EngineOptions(modelDir, Device.CPU, 0, Optional.empty(), cacheDir, DEFAULT_TEXT_CACHE_BYTES,
                MemoryMode.AUTO);
    }

    public EngineOptions withMemory(MemoryMode mode) {
        return new EngineOptions(modelDir, device, gpuIndex, precision, cacheDir, textCacheBytes, mode, family);
    }

    /** The same options with the family override (empty: auto). */
    public EngineOptions withFamily(Optional<ModelFamily> override) {
        return new EngineOptions(modelDir, device, gpuIndex, precision, cacheDir, textCacheBytes, memory, override);
    }
}

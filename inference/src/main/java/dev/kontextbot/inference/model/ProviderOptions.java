package dev.kontextbot.inference.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The option maps handed to ONNX Runtime's CUDA and TensorRT providers, as pure functions (so they are tested
 * without a GPU). Keys are ONNX Runtime's provider option names.
 */
public final class ProviderOptions {

    private ProviderOptions() {
    }

    /**
     * CUDA options that do not hoard memory: the arena grows by what is asked instead of doubling
     * ({@code kSameAsRequested}), cuDNN picks convolution algorithms by heuristic instead of trying each with its
     * own workspace, and in the low-memory mode convolutions may not take the largest workspace.
     */
    public static Map<String, String> cuda(int gpuIndex, MemoryMode mode) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("device_id", Integer.toString(gpuIndex));
        o.put("arena_extend_strategy", "kSameAsRequested");
        o.put("cudnn_conv_algo_search", "HEURISTIC");
        o.put("do_copy_in_default_stream", "1");
        o.put("cudnn_conv_use_max_workspace", mode == MemoryMode.LOW ? "0" : "1");
        return o;
    }

    /**
     * TensorRT options for {@code model}: explicit min/opt/max profiles from {@code profiles}, engine and timing
     * caches under {@code cacheDir} (one engine folder per model, one timing cache for all), activation memory
     * shared between the engines, and fp16 kernels allowed only for an fp16 graph (bf16, fp8 and fp4 graphs carry
     * their types).
     */
    public static Map<String, String> tensorRt(int gpuIndex, ModelInterface model, Precision precision,
                                               ShapeProfiles profiles, Path cacheDir) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("device_id", Integer.toString(gpuIndex));
        o.put("trt_engine_cache_enable", "1");
        o.put("trt_engine_cache_path", cacheDir.resolve(model.folder()).toAbsolutePath().toString());
        o.put("trt_timing_cache_enable", "1");
        o.put("trt_timing_cache_path", cacheDir.toAbsolutePath().toString());
        o.put("trt_context_memory_sharing_enable", "1");
        if (precision == Precision.FP16) {
            o.put("trt_fp16_enable", "1");
        }
        Map<String, ShapeProfiles.Range> p = profiles.of(model);
        o.put("trt_profile_min_shapes", ShapeProfiles.format(p, 0));
        o.put("trt_profile_opt_shapes", ShapeProfiles.format(p, 1));
        o.put("trt_profile_max_shapes", ShapeProfiles.format(p, 2));
        return o;
    }

    /** ONNX Runtime's run-option key that shrinks the named arenas at the end of a run. */
    public static final String ARENA_SHRINKAGE = "memory.enable_memory_arena_shrinkage";

    /** The run option that returns a VAE run's arena growth to the device afterwards (low-memory mode). */
    public static Map<String, String> shrinkArenaAfterRun(int gpuIndex) {
        return Map.of(ARENA_SHRINKAGE, "gpu:" + gpuIndex);
    }
}

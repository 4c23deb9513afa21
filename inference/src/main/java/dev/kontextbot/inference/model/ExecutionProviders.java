package dev.kontextbot.inference.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.kontextbot.inference.InferenceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Session options for the device a worker runs on (KONTEXT_DEVICE, KONTEXT_GPU). Which ONNX Runtime jar is
 * on the class path is a build choice (the {@code gpu} Maven profile), never a code choice: with the CPU jar
 * the GPU providers cannot even be configured, and that becomes a plain EXECUTION_PROVIDER error.
 */
public final class ExecutionProviders {

    /** Where the sessions run. */
    public enum Device {
        CPU, CUDA, TENSORRT;

        /** Parses "cpu", "cuda" or "tensorrt" (any case). */
        public static Device parse(String value) throws InferenceException {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "cpu" -> CPU;
                case "cuda" -> CUDA;
                case "tensorrt" -> TENSORRT;
                default -> throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                        "unknown device '" + value + "': KONTEXT_DEVICE must be cpu, cuda or tensorrt");
            };
        }
    }

    private static final String CPU_BUILD = "this build uses the CPU ONNX Runtime; build with -Pgpu and install ";
    private static final String CUDA_NEEDS = "CUDA 12 and cuDNN 9";
    private static final String TENSORRT_NEEDS = "TensorRT 10, CUDA 12 and cuDNN 9";

    private ExecutionProviders() {
    }

    /**
     * Options for {@code device} with the default profiles and memory mode, for a model of unknown role (TensorRT
     * gets the transformer's profile). The caller closes the options.
     */
    public static OrtSession.SessionOptions options(Device device, int gpuIndex, Path trtCacheDir)
            throws InferenceException {
        return options(device, gpuIndex, trtCacheDir, ModelInterface.TRANSFORMER, Precision.FP32,
                ShapeProfiles.defaults(), MemoryMode.AUTO);
    }

    /**
     * Options for {@code model} on {@code device}. TensorRT is registered before CUDA, so CUDA runs what TensorRT
     * cannot; TensorRT gets the model's explicit shape profiles and its engine cache under {@code trtCacheDir}
     * (building an engine takes minutes); both get the option maps of {@link ProviderOptions}. The caller closes
     * the options.
     */
    public static OrtSession.SessionOptions options(Device device, int gpuIndex, Path trtCacheDir, ModelInterface model,
                                                    Precision precision, ShapeProfiles profiles, MemoryMode mode)
            throws InferenceException {
        Objects.requireNonNull(device, "device");
        if (gpuIndex < 0) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "KONTEXT_GPU must be a device index of 0 or more, not " + gpuIndex);
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (device == Device.TENSORRT) {
                addTensorRt(options, gpuIndex, Objects.requireNonNull(trtCacheDir, "trtCacheDir"),
                        ProviderOptions.tensorRt(gpuIndex, model, precision, profiles, trtCacheDir));
            }
            if (device == Device.CUDA || device == Device.TENSORRT) {
                addCuda(options, gpuIndex, ProviderOptions.cuda(gpuIndex, mode));
            }
            return options;
        } catch (InferenceException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /**
     * Stops ONNX Runtime's worker threads from spinning after a run. They spin to start the next run sooner, which
     * helps a model run many times in a row (the transformer) and hurts a model followed by CPU work of ours.
     */
    public static void noSpinning(OrtSession.SessionOptions options) throws InferenceException {
        try {
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
        } catch (ai.onnxruntime.OrtException e) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "ONNX Runtime refused a session option: " + e.getMessage(), e);
        }
    }

    /** The providers this ONNX Runtime build contains (for {@code doctor}), e.g. [CPU, CUDA]. */
    public static List<String> available() {
        return OrtEnvironment.getAvailableProviders().stream()
                .map(ExecutionProviders::plainName)
                .toList();
    }

    private static void addTensorRt(OrtSession.SessionOptions options, int gpuIndex, Path cacheDir,
                                    java.util.Map<String, String> providerOptions) throws InferenceException {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.TENSOR_RT)) {
            throw missing("TensorRT", CPU_BUILD + TENSORRT_NEEDS);
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "cannot create the TensorRT engine cache folder " + cacheDir + ": " + e.getMessage(), e);
        }
        try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(gpuIndex)) {
            for (var e : providerOptions.entrySet()) {
                trt.add(e.getKey(), e.getValue());
            }
            Files.createDirectories(Path.of(providerOptions.get("trt_engine_cache_path")));
            options.addTensorrt(trt);
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                    "cannot create the TensorRT engine cache folder: " + e.getMessage(), e);
        } catch (OrtException e) {
            throw missing("TensorRT", "it could not be loaded on GPU " + gpuIndex + "; install " + TENSORRT_NEEDS
                    + " (" + e.getCode() + ")", e);
        }
    }

    private static void addCuda(OrtSession.SessionOptions options, int gpuIndex,
                                java.util.Map<String, String> providerOptions) throws InferenceException {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            throw missing("CUDA", CPU_BUILD + CUDA_NEEDS);
        }
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(gpuIndex)) {
            for (var e : providerOptions.entrySet()) {
                cuda.add(e.getKey(), e.getValue());
            }
            options.addCUDA(cuda);
        } catch (OrtException e) {
            throw missing("CUDA", "it could not be loaded on GPU " + gpuIndex + "; install " + CUDA_NEEDS
                    + " (" + e.getCode() + ")", e);
        }
    }

    private static InferenceException missing(String provider, String why) {
        return new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                provider + " execution provider not available: " + why);
    }

    private static InferenceException missing(String provider, String why, Throwable cause) {
        return new InferenceException(InferenceException.Code.EXECUTION_PROVIDER,
                provider + " execution provider not available: " + why, cause);
    }

    private static String plainName(OrtProvider provider) {
        return switch (provider) {
            case CPU -> "CPU";
            case CUDA -> "CUDA";
            case TENSOR_RT -> "TensorRT";
            default -> provider.getName();
        };
    }
}

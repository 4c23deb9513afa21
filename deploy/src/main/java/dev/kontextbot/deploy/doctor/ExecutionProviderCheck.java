package dev.kontextbot.deploy.doctor;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.deploy.config.KontextConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/** The execution providers this build of ONNX Runtime offers, against KONTEXT_DEVICE. */
final class ExecutionProviderCheck implements Check {

    private final KontextConfig config;

    ExecutionProviderCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        EnumSet<OrtProvider> available;
        try {
            available = OrtEnvironment.getAvailableProviders();
        } catch (RuntimeException | LinkageError e) {
            return List.of(CheckResult.fail("providers", "ONNX Runtime does not load on this machine: " + e.getMessage()));
        }
        String names = available.stream().map(OrtProvider::getName).collect(Collectors.joining(", "));
        Device device = config.device();
        OrtProvider needed = switch (device) {
            case CPU -> OrtProvider.CPU;
            case CUDA -> OrtProvider.CUDA;
            case TENSORRT -> OrtProvider.TENSOR_RT;
        };
        if (available.contains(needed)) {
            return List.of(CheckResult.ok("providers", "KONTEXT_DEVICE=" + device.name().toLowerCase()
                    + " is available (this build has " + names + ")"));
        }
        return List.of(CheckResult.fail("providers", "KONTEXT_DEVICE=" + device.name().toLowerCase()
                + " is not available: this build has only " + names + ". Build with -Pgpu and install CUDA 12 and cuDNN 9"
                + (device == Device.TENSORRT ? " and TensorRT 10" : "") + ", or set KONTEXT_DEVICE=cpu"));
    }
}

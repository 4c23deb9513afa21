package dev.kontextbot.inference.model;

import dev.kontextbot.inference.model.ExecutionProviders.Device;

import java.util.Optional;

/**
 * The one table of which precision runs on which device, as a pure function. ONNX Runtime's CPU provider has no
 * bf16 kernels; fp8 and fp4 graphs (and graphs with TensorRT's custom operators) run only on TensorRT, fp8 on a GPU
 * of compute capability 8.9 or newer and fp4 on 10.0 or newer; bf16 on a GPU needs 8.0 (Ampere) or newer.
 *
 * <pre>
 *              fp32  fp16  bf16        fp8                 fp4
 *  cpu         yes   yes   no (GPU)    no (tensorrt)       no (tensorrt)
 *  cuda        yes   yes   cc >= 8.0   no (tensorrt)       no (tensorrt)
 *  tensorrt    yes   yes   cc >= 8.0   cc >= 8.9           cc >= 10.0
 * </pre>
 */
public final class PrecisionSupport {

    private PrecisionSupport() {
    }

    /**
     * Why {@code model} cannot run, in one plain sentence, or empty when it can.
     *
     * @param model      how to name the model, e.g. "transformer"
     * @param precision  what the graph computes in ({@link GraphSummary#precision()})
     * @param trtOnlyOps the graph has nodes in TensorRT's custom-operator domain
     * @param capability the GPU's compute capability when known (unknown: not held against the package)
     */
    public static Optional<String> refusal(String model, Precision precision, boolean trtOnlyOps, Device device,
                                           Optional<ComputeCapability> capability) {
        String subject = "this package's " + model + " computes in " + precision.label();
        boolean lowBits = precision == Precision.FP8 || precision == Precision.FP4;
        if (device != Device.TENSORRT && (lowBits || trtOnlyOps)) {
            String why = trtOnlyOps && !lowBits
                    ? "this package's " + model + " uses TensorRT's custom operators (domain trt), which only"
                    : subject + ", which only";
            return Optional.of(why + " TensorRT runs: set KONTEXT_DEVICE=tensorrt"
                    + (lowBits ? " (a GPU of compute capability " + minimum(precision) + " or newer)" : ""));
        }
        if (device == Device.CPU && precision == Precision.BF16) {
            return Optional.of(subject + ", which ONNX Runtime runs only on a GPU: set KONTEXT_DEVICE=cuda or tensorrt");
        }
        if (device != Device.CPU && capability.isPresent() && minimumOrNone(precision).isPresent()
                && !capability.get().atLeast(minimumOrNone(precision).get())) {
            return Optional.of(subject + ", which needs a GPU of compute capability " + minimum(precision)
                    + " or newer; this GPU has " + capability.get() + ": use a "
                    + (precision == Precision.BF16 ? "fp16 or fp32 package" : "bf16 transformer (KONTEXT_PRECISION=bf16)"));
        }
        return Optional.empty();
    }

    /** Whether {@code precision} can run on {@code device} at all (for choosing among present folders). */
    public static boolean runs(Precision precision, boolean trtOnlyOps, Device device,
                               Optional<ComputeCapability> capability) {
        return refusal("model", precision, trtOnlyOps, device, capability).isEmpty();
    }

    private static ComputeCapability minimum(Precision precision) {
        return minimumOrNone(precision).orElseThrow();
    }

    private static Optional<ComputeCapability> minimumOrNone(Precision precision) {
        return switch (precision) {
            case BF16 -> Optional.of(ComputeCapability.BF16_MIN);
            case FP8 -> Optional.of(ComputeCapability.FP8_MIN);
            case FP4 -> Optional.of(ComputeCapability.FP4_MIN);
            case FP32, FP16 -> Optional.empty();
        };
    }
}

package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.ExecutionProviders.Device;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** The precision-by-device table as a pure function. */
class PrecisionSupportTest {

    private static Optional<String> refusal(Precision p, Device d, String capability) {
        return PrecisionSupport.refusal("transformer", p, false, d, ComputeCapability.parse(capability));
    }

    @Test
    void theCpuRunsFp32AndFp16AndRefusesBf16Plainly() {
        assertThat(refusal(Precision.FP32, Device.CPU, "")).isEmpty();
        assertThat(refusal(Precision.FP16, Device.CPU, "")).isEmpty();
        assertThat(refusal(Precision.BF16, Device.CPU, "")).contains("this package's transformer computes in bf16, "
                + "which ONNX Runtime runs only on a GPU: set KONTEXT_DEVICE=cuda or tensorrt");
    }

    @Test
    void cudaRunsBf16OnAmpereAndNewer() {
        assertThat(refusal(Precision.BF16, Device.CUDA, "8.0")).isEmpty();
        assertThat(refusal(Precision.BF16, Device.CUDA, "")).isEmpty();
        assertThat(refusal(Precision.BF16, Device.CUDA, "7.5")).hasValueSatisfying(r -> assertThat(r)
                .contains("compute capability 8.0 or newer; this GPU has 7.5"));
        assertThat(refusal(Precision.FP16, Device.CUDA, "7.5")).isEmpty();
    }

    @Test
    void fp8AndFp4NeedTensorRtAndTheirGpuGeneration() {
        assertThat(refusal(Precision.FP8, Device.CUDA, "9.0")).contains("this package's transformer computes in fp8, "
                + "which only TensorRT runs: set KONTEXT_DEVICE=tensorrt (a GPU of compute capability 8.9 or newer)");
        assertThat(refusal(Precision.FP4, Device.CPU, "")).hasValueSatisfying(r -> assertThat(r)
                .contains("fp4, which only TensorRT runs").contains("10.0 or newer"));
        assertThat(refusal(Precision.FP8, Device.TENSORRT, "8.9")).isEmpty();
        assertThat(refusal(Precision.FP8, Device.TENSORRT, "8.6")).hasValueSatisfying(r -> assertThat(r)
                .contains("8.9 or newer; this GPU has 8.6").contains("KONTEXT_PRECISION=bf16"));
        assertThat(refusal(Precision.FP4, Device.TENSORRT, "9.0")).isPresent();
        assertThat(refusal(Precision.FP4, Device.TENSORRT, "12.0")).isEmpty();
    }

    @Test
    void tensorRtCustomOperatorsNeedTensorRtWhateverThePrecision() {
        assertThat(PrecisionSupport.refusal("transformer", Precision.FP16, true, Device.CUDA, Optional.empty()))
                .contains("this package's transformer uses TensorRT's custom operators (domain trt), which only "
                        + "TensorRT runs: set KONTEXT_DEVICE=tensorrt");
        assertThat(PrecisionSupport.runs(Precision.FP16, true, Device.TENSORRT, Optional.empty())).isTrue();
    }

    @Test
    void computeCapabilitiesParseAndCompare() {
        assertThat(ComputeCapability.parse("8.9")).contains(new ComputeCapability(8, 9));
        assertThat(ComputeCapability.parse("n/a")).isEmpty();
        assertThat(new ComputeCapability(10, 0).atLeast(ComputeCapability.FP8_MIN)).isTrue();
        assertThat(new ComputeCapability(8, 6).atLeast(ComputeCapability.FP8_MIN)).isFalse();
    }
}

package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** This machine has no GPU and the build uses the CPU ONNX Runtime jar: the GPU paths must fail plainly. */
class ExecutionProvidersTest {

    @TempDir
    Path cache;

    @Test
    void devicesParseInAnyCase() throws Exception {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse(" CUDA ")).isEqualTo(Device.CUDA);
        assertThat(Device.parse("TensorRT")).isEqualTo(Device.TENSORRT);
    }

    @Test
    void unknownDeviceIsAPlainError() {
        assertThatThrownBy(() -> Device.parse("gpu"))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.EXECUTION_PROVIDER))
                .hasMessage("unknown device 'gpu': KONTEXT_DEVICE must be cpu, cuda or tensorrt");
    }

    @Test
    void cpuOptionsAreCreated() throws Exception {
        try (OrtSession.SessionOptions options = ExecutionProviders.options(Device.CPU, 0, cache)) {
            assertThat(options).isNotNull();
        }
    }

    @Test
    void cudaOnTheCpuBuildNamesWhatIsMissing() {
        assertThatThrownBy(() -> ExecutionProviders.options(Device.CUDA, 0, cache))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.EXECUTION_PROVIDER))
                .hasMessage("CUDA execution provider not available: this build uses the CPU ONNX Runtime; "
                        + "build with -Pgpu and install CUDA 12 and cuDNN 9");
    }

    @Test
    void tensorRtOnTheCpuBuildNamesWhatIsMissing() {
        assertThatThrownBy(() -> ExecutionProviders.options(Device.TENSORRT, 1, cache))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.EXECUTION_PROVIDER))
                .hasMessage("TensorRT execution provider not available: this build uses the CPU ONNX Runtime; "
                        + "build with -Pgpu and install TensorRT 10, CUDA 12 and cuDNN 9");
    }

    @Test
    void negativeGpuIndexIsRefused() {
        assertThatThrownBy(() -> ExecutionProviders.options(Device.CUDA, -1, cache))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("KONTEXT_GPU");
    }

    @Test
    void availableProvidersOfTheCpuBuild() {
        assertThat(ExecutionProviders.available()).contains("CPU").doesNotContain("CUDA", "TensorRT");
    }
}

package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.InferenceException;
import org.junit.jupiter.api.Test;

/** Out-of-memory messages of ONNX Runtime's allocators and providers become their own typed error with advice. */
class OutOfMemoryTest {

    @Test
    void recognisesTheAllocatorsWordings() {
        assertThat(OutOfMemory.matches("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned "
                + "while running MatMul node. /onnxruntime_src/onnxruntime/core/framework/bfc_arena.cc:376 void* "
                + "onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, onnxruntime::Stream*, bool, "
                + "onnxruntime::WaitNotificationFn) Failed to allocate memory for requested buffer of size 3623878656"))
                .isTrue();
        assertThat(OutOfMemory.matches("CUDA failure 2: out of memory ; GPU=0")).isTrue();
        assertThat(OutOfMemory.matches("CUBLAS failure 3: CUBLAS_STATUS_ALLOC_FAILED")).isTrue();
        assertThat(OutOfMemory.matches("std::bad_alloc")).isTrue();
        assertThat(OutOfMemory.matches("Got invalid dimensions for input: hidden_states")).isFalse();
        assertThat(OutOfMemory.matches(null)).isFalse();
    }

    @Test
    void theErrorIsTypedAndAdvises() {
        InferenceException e = OutOfMemory.error("transformer", new RuntimeException("x"));

        assertThat(e.code()).isEqualTo(InferenceException.Code.OUT_OF_MEMORY);
        assertThat(e.getMessage()).isEqualTo("The device ran out of memory running the transformer at this size. "
                + "Try a smaller picture, or set KONTEXT_MEMORY=low (kontextbot models plan shows what fits this GPU).");
    }
}

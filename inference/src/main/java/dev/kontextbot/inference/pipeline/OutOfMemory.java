package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import java.util.List;
import java.util.Locale;

/**
 * Recognises out-of-memory failures in ONNX Runtime's messages (its arena, CUDA, cuBLAS, cuDNN, TensorRT and the C++
 * allocator word them differently) and turns them into their own error with advice, so a job fails once with a
 * useful message instead of a generic "model failed to run" and is not retried at the same size.
 */
final class OutOfMemory {

    private static final List<String> SIGNS = List.of("out of memory", "failed to allocate memory",
            "cuda_error_out_of_memory", "cudaerrormemoryallocation", "cublas_status_alloc_failed",
            "cudnn_status_alloc_failed", "std::bad_alloc", "bfcarena", "out_of_memory", "available memory of",
            "insufficient memory");

    private OutOfMemory() {
    }

    static boolean matches(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return SIGNS.stream().anyMatch(m::contains);
    }

    static InferenceException error(String model, Throwable cause) {
        return new InferenceException(InferenceException.Code.OUT_OF_MEMORY, "The device ran out of memory running the "
                + model + " at this size. Try a smaller picture, or set KONTEXT_MEMORY=low (kontextbot models plan "
                + "shows what fits this GPU).", cause);
    }
}

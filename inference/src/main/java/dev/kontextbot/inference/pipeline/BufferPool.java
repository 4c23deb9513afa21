package dev.kontextbot.inference.pipeline;

import java.util.EnumMap;
import java.util.Map;

/**
 * The engine's reused direct buffers, one per role, reallocated only when a job needs a different size or type.
 * Direct memory is freed only when the garbage collector finds the buffer unreachable, and running out of it
 * makes the JDK call {@code System.gc()} and wait; reusing buffers keeps a long-running worker off that path
 * and saves zeroing megabytes per job. Not thread-safe: used under the engine's device lock.
 */
final class BufferPool {

    /** What a buffer is for; each role has at most one live buffer. */
    enum Role { VAE_ENCODER_IN, HIDDEN_STATES, IMG_IDS, VELOCITY, VAE_DECODER_IN, VAE_DECODER_OUT }

    private final Map<Role, TensorBuffer> buffers = new EnumMap<>(Role.class);

    /** A buffer of exactly {@code count} elements of {@code type}; its previous contents are unspecified. */
    TensorBuffer get(Role role, ElementType type, long count) {
        TensorBuffer b = buffers.get(role);
        if (b == null || b.type() != type || b.count() != count) {
            b = new TensorBuffer(type, count);
            buffers.put(role, b);
        }
        return b;
    }

    long bytes() {
        return buffers.values().stream().mapToLong(TensorBuffer::byteSize).sum();
    }
}

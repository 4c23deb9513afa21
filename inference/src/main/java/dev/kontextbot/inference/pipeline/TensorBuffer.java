package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * A direct, native-order buffer of {@code count} elements of one {@link ElementType}: the memory an ONNX tensor
 * is created over without a copy (ORT Java has no IO binding, so reusing these buffers is how constant inputs
 * avoid being copied again every step). Float data is converted to the buffer's type on the way in and back to
 * float32 on the way out.
 */
final class TensorBuffer {

    private final ElementType type;
    private final long count;
    private final ByteBuffer bytes;
    // Typed views over the same memory, created once.
    private final FloatBuffer floats;
    private final ShortBuffer shorts;

    TensorBuffer(ElementType type, long count) {
        if (count * type.bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of " + count + " elements exceeds one Java buffer (2 GiB)");
        }
        this.type = type;
        this.count = count;
        this.bytes = ByteBuffer.allocateDirect((int) (count * type.bytes)).order(ByteOrder.nativeOrder());
        this.floats = type == ElementType.FLOAT32 ? bytes.asFloatBuffer() : null;
        this.shorts = type.bytes == 2 ? bytes.asShortBuffer() : null;
    }

    ElementType type() {
        return type;
    }

    long count() {
        return count;
    }

    /** A float32 view of the whole buffer at position 0 (FLOAT32 buffers only), for bulk readers and writers. */
    FloatBuffer floatView() {
        if (floats == null) {
            throw new IllegalStateException("not a float32 buffer: " + type);
        }
        return floats.duplicate().clear();
    }

    long byteSize() {
        return bytes.capacity();
    }

    /** Writes {@code len} floats from {@code src[off..]} at element {@code index}, converting to this type. */
    void putFloats(int index, float[] src, int off, int len) {
        switch (type) {
            case FLOAT32 -> floats.put(index, src, off, len);
            case FLOAT16 -> {
                for (int i = 0; i < len; i++) {
                    shorts.put(index + i, Fp16Conversions.floatToFp16(src[off + i]));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < len; i++) {
                    shorts.put(index + i, Fp16Conversions.floatToBf16(src[off + i]));
                }
            }
            case INT32, INT64 -> throw new IllegalStateException("float data into an integer tensor: " + type);
        }
    }

    void putFloat(int index, float value) {
        switch (type) {
            case FLOAT32 -> floats.put(index, value);
            case FLOAT16 -> shorts.put(index, Fp16Conversions.floatToFp16(value));
            case BFLOAT16 -> shorts.put(index, Fp16Conversions.floatToBf16(value));
            case INT32, INT64 -> throw new IllegalStateException("float data into an integer tensor: " + type);
        }
    }

    /** Writes token ids, narrowing to int32 when the model asks for it (ids are below 2^31). */
    void putIds(long[] ids) {
        switch (type) {
            case INT64 -> bytes.asLongBuffer().put(0, ids);
            case INT32 -> {
                IntBuffer ints = bytes.asIntBuffer();
                for (int i = 0; i < ids.length; i++) {
                    ints.put(i, Math.toIntExact(ids[i]));
                }
            }
            default -> throw new IllegalStateException("token ids into a float tensor: " + type);
        }
    }

    /** Reads {@code len} elements from element {@code index} into {@code dst[off..]} as float32. */
    void getFloats(int index, float[] dst, int off, int len) {
        switch (type) {
            case FLOAT32 -> floats.get(index, dst, off, len);
            case FLOAT16 -> {
                for (int i = 0; i < len; i++) {
                    dst[off + i] = Fp16Conversions.fp16ToFloat(shorts.get(index + i));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < len; i++) {
                    dst[off + i] = Fp16Conversions.bf16ToFloat(shorts.get(index + i));
                }
            }
            case INT32, INT64 -> throw new IllegalStateException("float read from an integer tensor: " + type);
        }
    }

    float getFloat(int index) {
        return switch (type) {
            case FLOAT32 -> floats.get(index);
            case FLOAT16 -> Fp16Conversions.fp16ToFloat(shorts.get(index));
            case BFLOAT16 -> Fp16Conversions.bf16ToFloat(shorts.get(index));
            case INT32, INT64 -> throw new IllegalStateException("float read from an integer tensor: " + type);
        };
    }

    /** A tensor over this buffer's memory (no copy). The caller closes it; the buffer outlives it. */
    OnnxTensor tensor(OrtEnvironment env, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(env, bytes.duplicate().order(ByteOrder.nativeOrder()), shape, type.onnx);
    }

    /**
     * Copies a tensor's float data (any float type) into a new buffer of {@code target} type; the raw bytes are
     * copied when the types already match.
     */
    static TensorBuffer copyOf(OnnxTensor tensor, ElementType target) {
        ElementType source = switch (tensor.getInfo().type) {
            case FLOAT -> ElementType.FLOAT32;
            case FLOAT16 -> ElementType.FLOAT16;
            case BFLOAT16 -> ElementType.BFLOAT16;
            default -> throw new IllegalStateException("not a float tensor: " + tensor.getInfo().type);
        };
        long n = tensor.getInfo().getNumElements();
        TensorBuffer out = new TensorBuffer(target, n);
        if (source == target) {
            out.bytes.duplicate().put(tensor.getByteBuffer().rewind());
            return out;
        }
        float[] values = readFloats(tensor);
        out.putFloats(0, values, 0, values.length);
        return out;
    }

    /** A tensor's float data (float32, float16 or bfloat16) as a float32 array. */
    static float[] readFloats(OnnxTensor tensor) {
        return switch (tensor.getInfo().type) {
            case FLOAT -> {
                FloatBuffer fb = tensor.getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                yield out;
            }
            case FLOAT16 -> {
                ShortBuffer sb = tensor.getShortBuffer();
                float[] out = new float[sb.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Fp16Conversions.fp16ToFloat(sb.get(i));
                }
                yield out;
            }
            case BFLOAT16 -> {
                ShortBuffer sb = tensor.getShortBuffer();
                float[] out = new float[sb.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Fp16Conversions.bf16ToFloat(sb.get(i));
                }
                yield out;
            }
            default -> throw new IllegalStateException("not a float tensor: " + tensor.getInfo().type);
        };
    }

    /** For tests: the raw buffer's 16-bit pattern at {@code index}. */
    short rawShort(int index) {
        return shorts.get(index);
    }

    /** For tests: the raw int32/int64 id at {@code index}. */
    long rawId(int index) {
        return type == ElementType.INT64 ? bytes.asLongBuffer().get(index) : bytes.asIntBuffer().get(index);
    }

}

package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

/** The conversions at the session boundary: float32, float16, bfloat16 data and int32/int64 ids. */
class TensorBufferTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private final float[] values = {0f, 1f, -2.5f, 0.1f, 65504f, -1e-3f};

    @Test
    void float32RoundTripsExactlyAndBacksATensorWithoutCopy() throws Exception {
        TensorBuffer b = new TensorBuffer(ElementType.FLOAT32, values.length);
        b.putFloats(0, values, 0, values.length);
        float[] back = new float[values.length];
        b.getFloats(0, back, 0, back.length);
        assertThat(back).containsExactly(values);
        try (OnnxTensor t = b.tensor(ENV, new long[] {2, 3})) {
            assertThat(t.getInfo().type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(TensorBuffer.readFloats(t)).containsExactly(values);
            // Writing to the buffer after creating the tensor is seen by the tensor: it shares the memory.
            b.putFloat(1, 42f);
            assertThat(t.getFloatBuffer().get(1)).isEqualTo(42f);
        }
    }

    @Test
    void float16UsesIeeeHalfBitPatterns() throws Exception {
        TensorBuffer b = new TensorBuffer(ElementType.FLOAT16, values.length);
        b.putFloats(0, values, 0, values.length);
        // IEEE half: 1.0 = 0x3C00, -2.5 = 0xC100, 65504 (max half) = 0x7BFF.
        assertThat(b.rawShort(1)).isEqualTo((short) 0x3C00);
        assertThat(b.rawShort(2)).isEqualTo((short) 0xC100);
        assertThat(b.rawShort(4)).isEqualTo((short) 0x7BFF);
        float[] back = new float[values.length];
        b.getFloats(0, back, 0, back.length);
        assertThat(back[3]).isCloseTo(0.1f, within(1e-4f));
        assertThat(back[4]).isEqualTo(65504f);
        try (OnnxTensor t = b.tensor(ENV, new long[] {values.length})) {
            assertThat(t.getInfo().type).isEqualTo(OnnxJavaType.FLOAT16);
            assertThat(TensorBuffer.readFloats(t)).containsExactly(back);
        }
    }

    @Test
    void bfloat16KeepsTheFloat32ExponentAndTopMantissaBits() throws Exception {
        TensorBuffer b = new TensorBuffer(ElementType.BFLOAT16, values.length);
        b.putFloats(0, values, 0, values.length);
        // bf16 is the top 16 bits of float32: 1.0 = 0x3F80, -2.5 = 0xC020.
        assertThat(b.rawShort(1)).isEqualTo((short) 0x3F80);
        assertThat(b.rawShort(2)).isEqualTo((short) 0xC020);
        assertThat(b.getFloat(3)).isCloseTo(0.1f, within(1e-3f));
        try (OnnxTensor t = b.tensor(ENV, new long[] {values.length})) {
            assertThat(t.getInfo().type).isEqualTo(OnnxJavaType.BFLOAT16);
            float[] read = TensorBuffer.readFloats(t);
            assertThat(read[2]).isEqualTo(-2.5f);
        }
    }

    @Test
    void copyOfConvertsBetweenFloatTypes() throws Exception {
        TensorBuffer f32 = new TensorBuffer(ElementType.FLOAT32, values.length);
        f32.putFloats(0, values, 0, values.length);
        try (OnnxTensor t = f32.tensor(ENV, new long[] {values.length})) {
            TensorBuffer bf = TensorBuffer.copyOf(t, ElementType.BFLOAT16);
            assertThat(bf.type()).isEqualTo(ElementType.BFLOAT16);
            assertThat(bf.getFloat(1)).isEqualTo(1f);
            TensorBuffer same = TensorBuffer.copyOf(t, ElementType.FLOAT32);
            assertThat(same.getFloat(2)).isEqualTo(-2.5f);
            assertThat(same.byteSize()).isEqualTo(4L * values.length);
        }
    }

    @Test
    void idsNarrowToInt32OrStayInt64() throws Exception {
        long[] ids = {49406, 320, 49407};
        TensorBuffer i32 = new TensorBuffer(ElementType.INT32, ids.length);
        i32.putIds(ids);
        TensorBuffer i64 = new TensorBuffer(ElementType.INT64, ids.length);
        i64.putIds(ids);
        assertThat(i32.rawId(2)).isEqualTo(49407L);
        assertThat(i64.rawId(0)).isEqualTo(49406L);
        try (OnnxTensor t32 = i32.tensor(ENV, new long[] {1, 3}); OnnxTensor t64 = i64.tensor(ENV, new long[] {1, 3})) {
            assertThat(t32.getInfo().type).isEqualTo(OnnxJavaType.INT32);
            assertThat(t32.getIntBuffer().get(1)).isEqualTo(320);
            assertThat(t64.getInfo().type).isEqualTo(OnnxJavaType.INT64);
            assertThat(t64.getLongBuffer().get(2)).isEqualTo(49407L);
        }
    }
}

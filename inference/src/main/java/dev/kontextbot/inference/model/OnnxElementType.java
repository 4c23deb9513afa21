package dev.kontextbot.inference.model;

import java.util.Optional;

/**
 * ONNX tensor element types by their {@code TensorProto.DataType} number (onnx.proto), including the float8 and
 * float4 types newer than the bundled protobuf classes. Sizes are in bits so packed 4-bit types count right.
 */
public enum OnnxElementType {
    FLOAT(1, 32), UINT8(2, 8), INT8(3, 8), UINT16(4, 16), INT16(5, 16), INT32(6, 32), INT64(7, 64),
    STRING(8, 0), BOOL(9, 8), FLOAT16(10, 16), DOUBLE(11, 64), UINT32(12, 32), UINT64(13, 64),
    COMPLEX64(14, 64), COMPLEX128(15, 128), BFLOAT16(16, 16),
    FLOAT8E4M3FN(17, 8), FLOAT8E4M3FNUZ(18, 8), FLOAT8E5M2(19, 8), FLOAT8E5M2FNUZ(20, 8),
    UINT4(21, 4), INT4(22, 4), FLOAT4E2M1(23, 4);

    private final int number;
    private final int bits;

    OnnxElementType(int number, int bits) {
        this.number = number;
        this.bits = bits;
    }

    public static Optional<OnnxElementType> of(int number) {
        for (OnnxElementType t : values()) {
            if (t.number == number) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The name of type {@code number}, or "type N" for one this table does not know. */
    public static String name(int number) {
        return of(number).map(Enum::name).orElse("type " + number);
    }

    public int number() {
        return number;
    }

    /** Bytes of {@code count} elements (4-bit types pack two per byte). */
    public long bytes(long count) {
        return (count * bits + 7) / 8;
    }

    public boolean isFloat8() {
        return number >= 17 && number <= 20;
    }

    public boolean isFloat4() {
        return this == FLOAT4E2M1;
    }

    /** Whether this is a type the interface calls "float" (any floating point width). */
    public boolean isFloatLike() {
        return this == FLOAT || this == FLOAT16 || this == DOUBLE || this == BFLOAT16 || isFloat8() || isFloat4();
    }

    public boolean isIntLike() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == INT32 || this == INT64
                || this == UINT32 || this == UINT64;
    }
}

package dev.kontextbot.inference.model;

import ai.onnxruntime.OnnxJavaType;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One expected input or output of a model: its name, element kind and dimensions.
 *
 * <p>A dimension is a name for an axis that varies ("B", "S", "H/8") or the allowed fixed sizes, written as
 * numbers joined by '|' ("77", "16|32"). A checker compares fixed sizes only when the model declares a
 * fixed size for that axis; dynamic axes always pass.
 */
public record TensorSpec(String name, Kind kind, List<String> dims) {

    private static final Pattern FIXED = Pattern.compile("\\d+(\\|\\d+)*");

    /** Element types are compared by kind: releases differ (bf16 or fp32 activations, int32 or int64 ids). */
    public enum Kind {
        FLOAT_LIKE("float"), INT_LIKE("integer");

        private final String plain;

        Kind(String plain) {
            this.plain = plain;
        }

        /** The kind of an ONNX Runtime element type, empty for types no Kontext tensor uses (string, bool). */
        public static Optional<Kind> of(OnnxJavaType type) {
            return switch (type) {
                case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> Optional.of(FLOAT_LIKE);
                case INT8, UINT8, INT16, INT32, INT64 -> Optional.of(INT_LIKE);
                default -> Optional.empty();
            };
        }

        @Override
        public String toString() {
            return plain;
        }
    }

    public TensorSpec {
        dims = List.copyOf(dims);
    }

    static TensorSpec of(String name, Kind kind, String... dims) {
        return new TensorSpec(name, kind, List.of(dims));
    }

    public int rank() {
        return dims.size();
    }

    /** Whether a declared size fits axis {@code axis}; a negative size is a dynamic axis and always fits. */
    public boolean allows(int axis, long declaredSize) {
        String dim = dims.get(axis);
        if (declaredSize < 0 || !FIXED.matcher(dim).matches()) {
            return true;
        }
        for (String allowed : dim.split("\\|")) {
            if (Long.parseLong(allowed) == declaredSize) {
                return true;
            }
        }
        return false;
    }

    /** The shape as the spec writes it, e.g. {@code [B,77]}. */
    public String shape() {
        return "[" + String.join(",", dims) + "]";
    }

    @Override
    public String toString() {
        return name + " " + kind + " " + shape();
    }
}

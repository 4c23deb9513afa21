package dev.kontextbot.inference.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link GraphInspector} read from one ONNX file without loading its weights.
 *
 * @param irVersion        the model's IR version
 * @param opsets           operator set version per domain ("" is the default ONNX domain)
 * @param inputs           graph inputs (initializers excluded)
 * @param outputs          graph outputs
 * @param customDomains    node domains that are neither ONNX nor ONNX Runtime's own ({@code trt} is TensorRT's)
 * @param randomNodes      names of RandomNormal / RandomNormalLike nodes (a sampling VAE encoder has one)
 * @param weightBytes      initializer and constant bytes per element type
 * @param externalData     external data file (relative to the model's folder) -> bytes the tensors need
 * @param narrowFloatTypes float8 / float4 types used anywhere (weights, casts, value types)
 * @param matMulNBits      ONNX Runtime's block-quantised {@code com.microsoft} MatMulNBits nodes: bits -> nodes
 */
public record GraphSummary(long irVersion, Map<String, Long> opsets, List<ValueLine> inputs, List<ValueLine> outputs,
                           Set<String> customDomains, List<String> randomNodes,
                           Map<OnnxElementType, Long> weightBytes, Map<String, Long> externalData,
                           Set<OnnxElementType> narrowFloatTypes, Map<Long, Integer> matMulNBits) {

    /** The ONNX Runtime contrib domain MatMulNBits lives in. */
    public static final String CONTRIB_DOMAIN = "com.microsoft";

    /** The default domain's opset ("" or "ai.onnx"). */
    public long defaultOpset() {
        return opsets.getOrDefault("", opsets.getOrDefault("ai.onnx", 0L));
    }

    public long totalWeightBytes() {
        return weightBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The precision the graph computes in: fp4 when it has float4 types or TensorRT's custom ops, fp8 when it has
     * float8 types, else the float type that holds most weight bytes (a graph with bf16 inputs and fp32 weights
     * computes in fp32 after its casts; one with bf16 weights computes in bf16).
     */
    public Precision precision() {
        if (narrowFloatTypes.stream().anyMatch(OnnxElementType::isFloat4) || customDomains.contains(TRT_DOMAIN)) {
            return Precision.FP4;
        }
        if (narrowFloatTypes.stream().anyMatch(OnnxElementType::isFloat8)) {
            return Precision.FP8;
        }
        Map<Precision, Long> byPrecision = new EnumMap<>(Precision.class);
        weightBytes.forEach((type, bytes) -> {
            Precision p = switch (type) {
                case BFLOAT16 -> Precision.BF16;
                case FLOAT16 -> Precision.FP16;
                case FLOAT, DOUBLE -> Precision.FP32;
                default -> null;
            };
            if (p != null) {
                byPrecision.merge(p, bytes, Long::sum);
            }
        });
        return byPrecision.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Precision.FP32);
    }

    /** TensorRT's custom-operator domain: such a graph runs only on the TensorRT provider. */
    public static final String TRT_DOMAIN = "trt";

    /** One declared input or output: name, element type number and dims (numbers, or names of dynamic axes). */
    public record ValueLine(String name, int elementType, List<String> dims) {
        public ValueLine {
            dims = List.copyOf(dims);
        }

        public String typeName() {
            return OnnxElementType.name(elementType);
        }

        @Override
        public String toString() {
            return name + " " + typeName() + " [" + String.join(",", dims) + "]";
        }
    }
}

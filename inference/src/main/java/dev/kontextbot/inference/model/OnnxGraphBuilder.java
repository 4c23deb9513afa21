package dev.kontextbot.inference.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one small ONNX graph with the protobuf classes of tribuo-util-onnx and writes it, optionally with
 * some weights in an external data file beside the model (as BFL's release stores its big tensors).
 */
final class OnnxGraphBuilder {

    /** IR 8 / opset 17: old enough for any ONNX Runtime 1.14+, new enough for every op used here. */
    static final long IR_VERSION = 8;
    static final long OPSET = 17;
    /** External tensors start at page boundaries so ONNX Runtime can memory-map them. */
    private static final int EXTERNAL_ALIGNMENT = 4096;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final List<ExternalWeight> external = new ArrayList<>();
    private int nodeCount;

    private record ExternalWeight(TensorProto.Builder proto, float[] values) {}

    OnnxGraphBuilder(String graphName) {
        graph.setName(graphName);
    }

    /** A graph input; each dim is a {@code Long} (fixed) or a {@code String} (a named dynamic axis). */
    OnnxGraphBuilder input(String name, DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return this;
    }

    OnnxGraphBuilder output(String name, DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
        return this;
    }

    /** A float32 weight stored inside model.onnx. */
    OnnxGraphBuilder weight(String name, float[] values, long... shape) {
        graph.addInitializer(floatTensor(name, shape).setRawData(ByteString.copyFrom(littleEndian(values))));
        return this;
    }

    /** A float32 weight stored in the external data file (written by {@link #write}). */
    OnnxGraphBuilder externalWeight(String name, float[] values, long... shape) {
        external.add(new ExternalWeight(floatTensor(name, shape), values));
        return this;
    }

    OnnxGraphBuilder scalar(String name, float value) {
        return weight(name, new float[] {value});
    }

    OnnxGraphBuilder int64s(String name, long[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataType.INT64.getNumber())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return this;
    }

    OnnxGraphBuilder node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + nodeCount++)
                .addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /**
     * Writes {@code modelFile} and, when external weights were added, {@code externalDataName} beside it.
     * The model refers to the data file by its bare name, so the pair must be opened from the model's path.
     */
    void write(Path modelFile, String externalDataName, String docString) throws IOException {
        Files.createDirectories(modelFile.toAbsolutePath().getParent());
        GraphProto.Builder g = graph.clone();
        if (!external.isEmpty()) {
            Path dataFile = modelFile.resolveSibling(externalDataName);
            try (OutputStream out = Files.newOutputStream(dataFile)) {
                long offset = 0;
                for (ExternalWeight w : external) {
                    byte[] bytes = littleEndian(w.values());
                    long aligned = (offset + EXTERNAL_ALIGNMENT - 1) / EXTERNAL_ALIGNMENT * EXTERNAL_ALIGNMENT;
                    out.write(new byte[(int) (aligned - offset)]);
                    out.write(bytes);
                    g.addInitializer(w.proto().clone()
                            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                            .addExternalData(entry("location", externalDataName))
                            .addExternalData(entry("offset", Long.toString(aligned)))
                            .addExternalData(entry("length", Integer.toString(bytes.length))));
                    offset = aligned + bytes.length;
                }
            }
        }
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("kontextbot-stand-in")
                .setDocString(docString)
                .setGraph(g)
                .build();
        try (OutputStream out = Files.newOutputStream(modelFile)) {
            model.writeTo(out);
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static TensorProto.Builder floatTensor(String name, long[] shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT.getNumber());
        for (long d : shape) {
            t.addDims(d);
        }
        return t;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    private static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            switch (d) {
                case Long size -> dim.setDimValue(size);
                case Integer size -> dim.setDimValue(size);
                case String param -> dim.setDimParam(param);
                default -> throw new IllegalArgumentException("dimension must be a number or a name: " + d);
            }
            shape.addDim(dim);
        }
        TypeProto typeProto = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(typeProto).build();
    }
}

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
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one small ONNX graph with the protobuf classes of tribuo-util-onnx and writes it, optionally with
 * some weights in an external data file beside the model (as BFL's release stores its big tensors).
 * Public for the stand-in face models, which live beside the face classes they stand in for.
 */
public final class OnnxGraphBuilder {

    /** IR 8 / opset 17: old enough for any ONNX Runtime 1.14+, new enough for every op used here. */
    static final long IR_VERSION = 8;
    static final long OPSET = 17;
    /** External tensors start at page boundaries so ONNX Runtime can memory-map them. */
    private static final int EXTERNAL_ALIGNMENT = 4096;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final List<ExternalWeight> external = new ArrayList<>();
    private int nodeCount;

    /** {@code bytes} null: the tensor's space is reserved (a sparse hole) instead of written. */
    private record ExternalWeight(TensorProto.Builder proto, byte[] bytes, long length) {}
    private final List<OperatorSetIdProto> extraOpsets = new ArrayList<>();

    public OnnxGraphBuilder(String graphName) {
        graph.setName(graphName);
    }

    /** A graph input; each dim is a {@code Long} (fixed) or a {@code String} (a named dynamic axis). */
    public OnnxGraphBuilder input(String name, DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return this;
    }

    public OnnxGraphBuilder output(String name, DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
        return this;
    }

    /** An input of any ONNX element type number (including float8/float4, newer than the DataType enum). */
    public OnnxGraphBuilder input(String name, OnnxElementType type, Object... dims) {
        graph.addInput(valueInfo(name, type.number(), dims));
        return this;
    }

    public OnnxGraphBuilder output(String name, OnnxElementType type, Object... dims) {
        graph.addOutput(valueInfo(name, type.number(), dims));
        return this;
    }

    /** A weight of any type stored inside model.onnx from its little-endian bytes. */
    OnnxGraphBuilder rawWeight(String name, OnnxElementType type, byte[] littleEndian, long... shape) {
        graph.addInitializer(tensor(name, type.number(), shape).setRawData(ByteString.copyFrom(littleEndian)));
        return this;
    }

    /**
     * A weight in the external data file whose bytes are not written: the file gets a hole of the tensor's size
     * (a sparse file), so a package with release-sized weights takes no disk space. Such a graph is for static
     * checks only, never for a session.
     */
    OnnxGraphBuilder reservedWeight(String name, OnnxElementType type, long... shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        external.add(new ExternalWeight(tensor(name, type.number(), shape), null, type.bytes(count)));
        return this;
    }

    /** Declares a custom-operator domain (e.g. TensorRT's {@code trt}) for nodes added with {@link #customNode}. */
    OnnxGraphBuilder opset(String domain, long version) {
        extraOpsets.add(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build());
        return this;
    }

    OnnxGraphBuilder customNode(String domain, String opType, List<String> inputs, String output) {
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setDomain(domain).setName(opType + "_" + nodeCount++)
                .addAllInput(inputs).addOutput(output));
        return this;
    }

    /** A node of another operator domain (e.g. ONNX Runtime's {@code com.microsoft}) with attributes. */
    OnnxGraphBuilder domainNode(String domain, String opType, List<String> inputs, String output,
                                AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setDomain(domain)
                .setName(opType + "_" + nodeCount++).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    /** A float32 weight stored inside model.onnx. */
    public OnnxGraphBuilder weight(String name, float[] values, long... shape) {
        graph.addInitializer(floatTensor(name, shape).setRawData(ByteString.copyFrom(littleEndian(values))));
        return this;
    }

    /** A float32 weight stored in the external data file (written by {@link #write}). */
    OnnxGraphBuilder externalWeight(String name, float[] values, long... shape) {
        byte[] bytes = littleEndian(values);
        external.add(new ExternalWeight(floatTensor(name, shape), bytes, bytes.length));
        return this;
    }

    OnnxGraphBuilder scalar(String name, float value) {
        return weight(name, new float[] {value});
    }

    public OnnxGraphBuilder int64s(String name, long[] values, long... shape) {
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

    public OnnxGraphBuilder node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + nodeCount++)
                .addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto integer(String name, long value) {
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
    public void write(Path modelFile, String externalDataName, String docString) throws IOException {
        Files.createDirectories(modelFile.toAbsolutePath().getParent());
        GraphProto.Builder g = graph.clone();
        if (!external.isEmpty()) {
            Path dataFile = modelFile.resolveSibling(externalDataName);
            Files.deleteIfExists(dataFile);
            try (RandomAccessFile out = new RandomAccessFile(dataFile.toFile(), "rw")) {
                long offset = 0;
                for (ExternalWeight w : external) {
                    long aligned = (offset + EXTERNAL_ALIGNMENT - 1) / EXTERNAL_ALIGNMENT * EXTERNAL_ALIGNMENT;
                    if (w.bytes() != null) {
                        out.seek(aligned);
                        out.write(w.bytes());
                    }
                    g.addInitializer(w.proto().clone()
                            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                            .addExternalData(entry("location", externalDataName))
                            .addExternalData(entry("offset", Long.toString(aligned)))
                            .addExternalData(entry("length", Long.toString(w.length()))));
                    offset = aligned + w.length();
                }
                out.setLength(offset);
            }
        }
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addAllOpsetImport(extraOpsets)
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
        return tensor(name, DataType.FLOAT.getNumber(), shape);
    }

    private static TensorProto.Builder tensor(String name, int dataType, long[] shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType);
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
        return valueInfo(name, type.getNumber(), dims);
    }

    private static ValueInfoProto valueInfo(String name, int type, Object... dims) {
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
                TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(typeProto).build();
    }
}

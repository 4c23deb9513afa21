package dev.kontextbot.inference.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.kontextbot.inference.InferenceException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an ONNX file's structure straight from its protobuf stream without holding the weights: tensor payloads
 * ({@code raw_data}) are skipped, so a model file of any size is read with flat memory, and external data files
 * are never opened (only their sizes are compared by {@link PackageChecker}). No ONNX Runtime session is created,
 * so graphs the CPU cannot run (bf16 arithmetic, TensorRT custom ops) are inspected all the same.
 */
public final class GraphInspector {

    // Field numbers of onnx.proto (ModelProto, GraphProto, TensorProto).
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int LOCATION_EXTERNAL = 1;
    /** Domains whose operators ONNX Runtime implements itself; any other domain is a custom-operator library. */
    private static final Set<String> STANDARD_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml", "com.microsoft");

    /**
     * @param file the model file
     * @param name how to name it in messages, e.g. {@code vae_encoder.opt/model.onnx}
     * @throws InferenceException MODEL_PACKAGE in one plain sentence when the file is missing, truncated or not ONNX
     */
    public GraphSummary inspect(Path file, String name) throws InferenceException {
        Builder b = new Builder();
        boolean sawGraph = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CodedInputStream s = CodedInputStream.newInstance(in);
            s.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = s.readTag(); tag != 0; tag = s.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case MODEL_IR_VERSION -> b.irVersion = s.readInt64();
                    case MODEL_OPSET_IMPORT -> {
                        OperatorSetIdProto op = OperatorSetIdProto.parseFrom(s.readBytes());
                        b.opsets.put(op.getDomain(), op.getVersion());
                    }
                    case MODEL_GRAPH -> {
                        int old = s.pushLimit(s.readRawVarint32());
                        readGraph(s, b);
                        s.popLimit(old);
                        sawGraph = true;
                    }
                    default -> s.skipField(tag);
                }
            }
        } catch (NoSuchFileException e) {
            throw problem(name + " is missing");
        } catch (InvalidProtocolBufferException e) {
            throw problem(name + " is not a readable ONNX model (truncated or damaged protobuf: "
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw problem(name + " could not be read: " + e.getMessage());
        }
        if (!sawGraph || b.irVersion == 0) {
            throw problem(name + " is not an ONNX model (no graph or IR version in the file)");
        }
        return new GraphSummary(b.irVersion, Map.copyOf(b.opsets), List.copyOf(b.inputs), List.copyOf(b.outputs),
                Set.copyOf(b.customDomains), List.copyOf(b.randomNodes), Map.copyOf(b.weightBytes),
                Map.copyOf(b.external), Set.copyOf(b.narrow), Map.copyOf(b.matMulNBits));
    }

    private static final class Builder {
        long irVersion;
        final Map<String, Long> opsets = new LinkedHashMap<>();
        final List<GraphSummary.ValueLine> inputs = new ArrayList<>();
        final List<GraphSummary.ValueLine> outputs = new ArrayList<>();
        final Set<String> customDomains = new TreeSet<>();
        final List<String> randomNodes = new ArrayList<>();
        final Map<OnnxElementType, Long> weightBytes = new EnumMap<>(OnnxElementType.class);
        final Map<String, Long> external = new LinkedHashMap<>();
        final Set<OnnxElementType> narrow = EnumSet.noneOf(OnnxElementType.class);
        final Set<String> initializerNames = new java.util.HashSet<>();
        final Map<Long, Integer> matMulNBits = new java.util.TreeMap<>();

        void type(int number) {
            OnnxElementType.of(number).filter(t -> t.isFloat8() || t.isFloat4()).ifPresent(narrow::add);
        }
    }

    private static void readGraph(CodedInputStream s, Builder b) throws IOException {
        List<ValueInfoProto> declaredInputs = new ArrayList<>();
        for (int tag = s.readTag(); tag != 0; tag = s.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> node(NodeProto.parseFrom(s.readBytes()), b);
                case GRAPH_INITIALIZER -> {
                    int old = s.pushLimit(s.readRawVarint32());
                    readTensor(s, b);
                    s.popLimit(old);
                }
                case GRAPH_INPUT -> declaredInputs.add(ValueInfoProto.parseFrom(s.readBytes()));
                case GRAPH_OUTPUT -> b.outputs.add(line(ValueInfoProto.parseFrom(s.readBytes()), b));
                case GRAPH_VALUE_INFO -> line(ValueInfoProto.parseFrom(s.readBytes()), b);
                default -> s.skipField(tag);
            }
        }
        // Older exports list initializers among the inputs too; those are weights, not inputs to feed.
        for (ValueInfoProto v : declaredInputs) {
            if (!b.initializerNames.contains(v.getName())) {
                b.inputs.add(line(v, b));
            }
        }
    }

    private static void node(NodeProto n, Builder b) {
        String domain = n.getDomain();
        if (!STANDARD_DOMAINS.contains(domain)) {
            b.customDomains.add(domain);
        }
        if (n.getOpType().equals("MatMulNBits") && domain.equals(GraphSummary.CONTRIB_DOMAIN)) {
            // bits defaults to 4 in ONNX Runtime's contrib schema.
            long bits = n.getAttributeList().stream().filter(a -> a.getName().equals("bits")).mapToLong(
                    AttributeProto::getI).findFirst().orElse(4);
            b.matMulNBits.merge(bits, 1, Integer::sum);
        }
        if (n.getOpType().startsWith("RandomNormal") || n.getOpType().startsWith("RandomUniform")) {
            b.randomNodes.add(n.getName().isEmpty() ? n.getOpType() : n.getName());
        }
        for (AttributeProto a : n.getAttributeList()) {
            if (n.getOpType().equals("Cast") && a.getName().equals("to")) {
                b.type((int) a.getI());
            }
            if (a.hasT()) {
                int type = a.getT().getDataType();
                b.type(type);
                long count = 1;
                for (long d : a.getT().getDimsList()) {
                    count *= d;
                }
                long bytes = count;
                OnnxElementType.of(type).ifPresent(t -> b.weightBytes.merge(t, t.bytes(bytes), Long::sum));
            }
        }
    }

    /** One initializer: its dims, type and external-data entries; the payload is skipped, never read. */
    private static void readTensor(CodedInputStream s, Builder b) throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        boolean external = false;
        Map<String, String> entries = new LinkedHashMap<>();
        for (int tag = s.readTag(); tag != 0; tag = s.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == TENSOR_DIMS && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int old = s.pushLimit(s.readRawVarint32());
                while (s.getBytesUntilLimit() > 0) {
                    dims.add(s.readInt64());
                }
                s.popLimit(old);
            } else if (field == TENSOR_DIMS) {
                dims.add(s.readInt64());
            } else if (field == TENSOR_DATA_TYPE) {
                type = s.readInt32();
            } else if (field == TENSOR_NAME) {
                name = s.readString();
            } else if (field == TENSOR_EXTERNAL_DATA) {
                StringStringEntryProto e = StringStringEntryProto.parseFrom(s.readBytes());
                entries.put(e.getKey(), e.getValue());
            } else if (field == TENSOR_DATA_LOCATION) {
                external = s.readEnum() == LOCATION_EXTERNAL;
            } else {
                s.skipField(tag);
            }
        }
        b.initializerNames.add(name);
        b.type(type);
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        long needed = 0;
        var known = OnnxElementType.of(type);
        if (known.isPresent()) {
            needed = known.get().bytes(count);
            b.weightBytes.merge(known.get(), needed, Long::sum);
        }
        if (external && entries.containsKey("location")) {
            long offset = Long.parseLong(entries.getOrDefault("offset", "0"));
            long length = entries.containsKey("length") ? Long.parseLong(entries.get("length")) : needed;
            b.external.merge(entries.get("location"), offset + Math.max(length, needed), Math::max);
        }
    }

    private static GraphSummary.ValueLine line(ValueInfoProto v, Builder b) {
        TypeProto.Tensor t = v.getType().getTensorType();
        b.type(t.getElemType());
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : t.getShape().getDimList()) {
            dims.add(d.hasDimValue() ? Long.toString(d.getDimValue())
                    : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
        }
        return new GraphSummary.ValueLine(v.getName(), t.getElemType(), dims);
    }

    private static InferenceException problem(String message) {
        return new InferenceException(InferenceException.Code.MODEL_PACKAGE, message);
    }
}

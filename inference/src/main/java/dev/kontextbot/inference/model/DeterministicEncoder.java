package dev.kontextbot.inference.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.kontextbot.inference.InferenceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a sampling VAE encoder deterministic. NVIDIA's exporter writes {@code mean + exp(logvar/2) *
 * RandomNormalLike(mean)} (kontext-pipeline.md §4.5); the reference uses the mean. Replacing the random node by
 * zeros of its shape in memory turns the noise term into zeros, so the graph returns exactly the mean, without
 * re-exporting anything. The patched model is handed to ONNX Runtime as bytes.
 */
public final class DeterministicEncoder {

    /** ONNX Runtime's session option for models loaded from bytes whose weights live in external files. */
    public static final String EXTERNAL_FOLDER_OPTION = "session.model_external_initializers_file_folder_path";

    private DeterministicEncoder() {
    }

    /**
     * The model in {@code file} with its random-normal nodes silenced, serialised, or the file's bytes unchanged
     * when it has none. The VAE encoder is small (tens of MB); this reads it whole.
     */
    public static byte[] patched(Path file) throws InferenceException {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    file + " could not be read: " + e.getMessage(), e);
        }
        return silence(model).toByteArray();
    }

    /**
     * {@code model} with every random-normal node replaced by zeros of the same shape and type: RandomNormalLike(x)
     * becomes Sub(x, x), RandomNormal a Constant of zeros. (Setting the node's scale to 0 is not an option: ONNX
     * Runtime 1.29 aborts the whole process on a normal distribution with standard deviation 0, an assertion in
     * libstdc++.)
     */
    static ModelProto silence(ModelProto model) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (NodeProto.Builder node : graph.getNodeBuilderList()) {
            if (node.getOpType().equals("RandomNormalLike")) {
                String input = node.getInput(0);
                node.setOpType("Sub").clearAttribute().clearInput().addInput(input).addInput(input);
            } else if (node.getOpType().equals("RandomNormal")) {
                node.setOpType("Constant").clearAttribute().addAttribute(zeros(node));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }

    /** The zero tensor a RandomNormal node would have filled: its {@code shape}, its {@code dtype} (float by default). */
    private static AttributeProto zeros(NodeProto.Builder node) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT.getNumber());
        long count = 1;
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("dtype")) {
                t.setDataType((int) a.getI());
            }
        }
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("shape")) {
                for (long d : a.getIntsList()) {
                    t.addDims(d);
                    count *= d;
                }
            }
        }
        long bytes = OnnxElementType.of(t.getDataType()).orElse(OnnxElementType.FLOAT).bytes(count);
        t.setRawData(com.google.protobuf.ByteString.copyFrom(new byte[Math.toIntExact(bytes)]));
        return AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }
}

package dev.kontextbot.inference.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kontextbot.inference.InferenceException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that a face model's session has the tensors the published model has, so a wrong file fails at start with a
 * sentence naming the file and the tensor instead of at the first picture. A dimension of -1 in {@code expected}
 * accepts any size; a dynamic dimension in the model (-1) is accepted wherever a size is expected.
 */
final class TensorInterface {

    private final Path file;
    private final String role;

    TensorInterface(Path file, String role) {
        this.file = file;
        this.role = role;
    }

    /** The float tensor {@code name} among {@code infos}, of the expected rank and sizes; its shape as declared. */
    long[] floatTensor(Map<String, NodeInfo> infos, String kind, String name, long... expected)
            throws InferenceException {
        NodeInfo node = infos.get(name);
        if (node == null) {
            throw wrong("has no " + kind + " named " + name + " (its " + kind + "s: " + infos.keySet() + ")");
        }
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw wrong("has " + kind + " " + name + " of type " + node.getInfo() + ", not a float tensor");
        }
        long[] shape = tensor.getShape();
        boolean fits = shape.length == expected.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = expected[i] < 0 || shape[i] < 0 || shape[i] == expected[i];
        }
        if (!fits) {
            throw wrong("has " + kind + " " + name + " of shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expected).replace("-1", "any"));
        }
        return shape;
    }

    Map<String, NodeInfo> inputs(OrtSession session) throws InferenceException {
        try {
            return session.getInputInfo();
        } catch (OrtException e) {
            throw wrong("could not be inspected: " + e.getMessage());
        }
    }

    Map<String, NodeInfo> outputs(OrtSession session) throws InferenceException {
        try {
            return session.getOutputInfo();
        } catch (OrtException e) {
            throw wrong("could not be inspected: " + e.getMessage());
        }
    }

    InferenceException wrong(String what) {
        return new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                role + ": " + file + " " + what + "; is it the right file?");
    }
}

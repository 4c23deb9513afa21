package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kontextbot.inference.InferenceException;

/**
 * The element types the engine converts to and from at the session boundary. Releases differ (bf16 or fp32
 * activations, int32 or int64 ids), so every input's and output's type is read from the session, never assumed.
 */
enum ElementType {
    FLOAT32(OnnxJavaType.FLOAT, 4),
    FLOAT16(OnnxJavaType.FLOAT16, 2),
    BFLOAT16(OnnxJavaType.BFLOAT16, 2),
    INT32(OnnxJavaType.INT32, 4),
    INT64(OnnxJavaType.INT64, 8);

    final OnnxJavaType onnx;
    final int bytes;

    ElementType(OnnxJavaType onnx, int bytes) {
        this.onnx = onnx;
        this.bytes = bytes;
    }

    boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16;
    }

    static ElementType of(OnnxJavaType type, String what) throws InferenceException {
        for (ElementType t : values()) {
            if (t.onnx == type) {
                return t;
            }
        }
        throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                what + " has element type " + type + ", which the engine does not support"
                        + " (supported: float32, float16, bfloat16, int32, int64).");
    }

    static ElementType ofInput(OrtSession session, String model, String name) throws InferenceException {
        try {
            return of(session.getInputInfo(), model, "input", name);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "Could not read the inputs of the " + model + " model.", e);
        }
    }

    static ElementType ofOutput(OrtSession session, String model, String name) throws InferenceException {
        try {
            return of(session.getOutputInfo(), model, "output", name);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "Could not read the outputs of the " + model + " model.", e);
        }
    }

    private static ElementType of(java.util.Map<String, NodeInfo> infos, String model, String kind, String name)
            throws InferenceException {
        NodeInfo info = infos.get(name);
        if (info == null || !(info.getInfo() instanceof TensorInfo tensor)) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "The " + model + " model has no tensor " + kind + " named '" + name + "'.");
        }
        return of(tensor.type, "The " + model + " " + kind + " '" + name + "'");
    }
}

package dev.kontextbot.inference.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.OrtSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * SFace (OpenCV Zoo, {@code face_recognition_sface_2021dec.onnx}) on ONNX Runtime: one input [1, 3, 112, 112] of an
 * aligned face, R, G, B samples 0..255 unscaled (see {@link FaceAlignment}), one output [1, 128], the face's
 * embedding. The input's and output's names are read from the model (the published file calls its input
 * {@code data}).
 */
public final class FaceEmbedder implements AutoCloseable {

    public static final String FILE = "face_recognition_sface_2021dec.onnx";
    /** SFace's embedding length. */
    public static final int DIMENSIONS = 128;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final String output;

    private FaceEmbedder(OrtEnvironment environment, OrtSession session, String input, String output) {
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.output = output;
    }

    /** Opens and checks the recognizer; a missing file or another interface is a MODEL_PACKAGE error naming it. */
    public static FaceEmbedder open(OrtEnvironment env, Path file, OrtSession.SessionOptions options)
            throws InferenceException {
        OrtSession session = new OrtSessions(env).open(file, options);
        try {
            TensorInterface check = new TensorInterface(file, "Face recognizer (SFace)");
            Map<String, NodeInfo> inputs = check.inputs(session);
            Map<String, NodeInfo> outputs = check.outputs(session);
            if (inputs.size() != 1 || outputs.size() != 1) {
                throw check.wrong("has inputs " + inputs.keySet() + " and outputs " + outputs.keySet()
                        + ", expected one of each");
            }
            String in = inputs.keySet().iterator().next();
            String out = outputs.keySet().iterator().next();
            check.floatTensor(inputs, "input", in, 1, 3, FaceAlignment.SIDE, FaceAlignment.SIDE);
            check.floatTensor(outputs, "output", out, 1, DIMENSIONS);
            return new FaceEmbedder(env, session, in, out);
        } catch (InferenceException e) {
            FaceDetector.closeQuietly(session);
            throw e;
        }
    }

    /** The embedding of {@code face} in {@code image}. */
    public float[] embed(BufferedImage image, FaceBox face) throws InferenceException {
        float[] aligned = FaceAlignment.alignedRgb(image, face);
        // aligned [1, 3, 112, 112] -> embedding [1, 128]
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(aligned),
                new long[] {1, 3, FaceAlignment.SIDE, FaceAlignment.SIDE});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            float[] embedding = FaceDetector.floats(result, output);
            if (embedding.length != DIMENSIONS) {
                throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, "Face recognizer (SFace) gave "
                        + embedding.length + " numbers, not " + DIMENSIONS + ".");
            }
            return embedding;
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL, "The face recognizer failed to run.", e);
        }
    }

    @Override
    public void close() {
        FaceDetector.closeQuietly(session);
    }
}

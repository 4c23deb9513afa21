package dev.kontextbot.inference.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.model.OrtSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * YuNet (OpenCV Zoo, {@code face_detection_yunet_2023mar.onnx}) on ONNX Runtime: one input {@code input}
 * [1, 3, H, W] of B, G, R samples 0..255 unscaled (OpenCV's {@code blobFromImage} defaults on a BGR picture), twelve
 * outputs {@code cls_s} / {@code obj_s} [1, anchors, 1], {@code bbox_s} [1, anchors, 4], {@code kps_s}
 * [1, anchors, 10] for s in 8, 16, 32. The published file declares a fixed 640 x 640 input, so the picture is scaled
 * to fit it (aspect kept) and the rest padded black, as OpenCV pads to its input; a model with a dynamic input gets
 * the picture (at most 640 on its long side) padded to a multiple of 32.
 */
public final class FaceDetector implements AutoCloseable {

    public static final String FILE = "face_detection_yunet_2023mar.onnx";
    static final String INPUT = "input";
    /** The long side given to a model whose input size is dynamic; the published model's fixed side. */
    static final int DEFAULT_SIDE = 640;
    /** The coarsest stride: the padded input is a multiple of it. */
    static final int DIVISOR = 32;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Path file;
    private final Optional<int[]> fixedSize;
    private final LanczosResizer resizer = new LanczosResizer();

    private FaceDetector(OrtEnvironment environment, OrtSession session, Path file, Optional<int[]> fixedSize) {
        this.environment = environment;
        this.session = session;
        this.file = file;
        this.fixedSize = fixedSize;
    }

    /** Opens and checks the detector; a missing file or another interface is a MODEL_PACKAGE error naming it. */
    public static FaceDetector open(OrtEnvironment env, Path file, OrtSession.SessionOptions options)
            throws InferenceException {
        OrtSession session = new OrtSessions(env).open(file, options);
        try {
            TensorInterface check = new TensorInterface(file, "Face detector (YuNet)");
            long[] in = check.floatTensor(check.inputs(session), "input", INPUT, 1, 3, -1, -1);
            Map<String, NodeInfo> outputs = check.outputs(session);
            for (int s : YuNetDecoding.STRIDES) {
                check.floatTensor(outputs, "output", "cls_" + s, 1, -1, 1);
                check.floatTensor(outputs, "output", "obj_" + s, 1, -1, 1);
                check.floatTensor(outputs, "output", "bbox_" + s, 1, -1, 4);
                check.floatTensor(outputs, "output", "kps_" + s, 1, -1, 2 * YuNetDecoding.LANDMARKS);
            }
            Optional<int[]> fixed = Optional.empty();
            if (in[2] > 0 && in[3] > 0) {
                if (in[2] % DIVISOR != 0 || in[3] % DIVISOR != 0) {
                    throw check.wrong("takes " + in[3] + "x" + in[2] + " pictures, not a multiple of " + DIVISOR);
                }
                fixed = Optional.of(new int[] {(int) in[3], (int) in[2]});
            }
            return new FaceDetector(env, session, file, fixed);
        } catch (InferenceException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** "640x640" or "dynamic", for doctor. */
    public String inputSize() {
        return fixedSize.map(s -> s[0] + "x" + s[1]).orElse("dynamic");
    }

    /** The faces in {@code image}, in its pixels, best score first. */
    public List<FaceBox> detect(BufferedImage image) throws InferenceException {
        int w = image.getWidth();
        int h = image.getHeight();
        int netW;
        int netH;
        double scale;
        if (fixedSize.isPresent()) {
            netW = fixedSize.get()[0];
            netH = fixedSize.get()[1];
            scale = Math.min((double) netW / w, (double) netH / h);
        } else {
            scale = Math.min(1.0, (double) DEFAULT_SIDE / Math.max(w, h));
            netW = padded((int) Math.round(w * scale));
            netH = padded((int) Math.round(h * scale));
        }
        int fitW = Math.max(1, Math.min(netW, (int) Math.round(w * scale)));
        int fitH = Math.max(1, Math.min(netH, (int) Math.round(h * scale)));
        BufferedImage fitted = fitW == w && fitH == h ? image : resizer.resize(image, fitW, fitH);
        float[] bgr = bgrPadded(fitted, netW, netH);
        List<YuNetDecoding.StrideOutputs> outputs = new ArrayList<>();
        // input [1, 3, netH, netW] -> per stride s: cls/obj [1, A, 1], bbox [1, A, 4], kps [1, A, 10], A = anchors
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(bgr),
                new long[] {1, 3, netH, netW});
             OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            for (int s : YuNetDecoding.STRIDES) {
                outputs.add(new YuNetDecoding.StrideOutputs(s, floats(result, "cls_" + s), floats(result, "obj_" + s),
                        floats(result, "bbox_" + s), floats(result, "kps_" + s)));
            }
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL, "The face detector failed to run.", e);
        }
        try {
            double back = (double) fitW / w;
            return YuNetDecoding.decode(outputs, netW, netH).stream().map(f -> f.unscaled(back)).toList();
        } catch (IllegalArgumentException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, "Face detector (YuNet): " + file
                    + " gave outputs that do not fit a " + netW + "x" + netH + " input: " + e.getMessage());
        }
    }

    private static int padded(int side) {
        return Math.max(DIVISOR, (side + DIVISOR - 1) / DIVISOR * DIVISOR);
    }

    /** [3, H, W] planes B, G, R, samples 0..255; black right of and below the picture. */
    static float[] bgrPadded(BufferedImage image, int width, int height) {
        int plane = width * height;
        float[] out = new float[3 * plane];
        int w = Math.min(width, image.getWidth());
        int h = Math.min(height, image.getHeight());
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb[y * w + x];
                int i = y * width + x;
                out[i] = p & 0xFF;
                out[plane + i] = p >> 8 & 0xFF;
                out[2 * plane + i] = p >> 16 & 0xFF;
            }
        }
        return out;
    }

    static float[] floats(OrtSession.Result result, String name) throws OrtException {
        Optional<OnnxValue> value = result.get(name);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
            throw new OrtException("no output " + name);
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing to recover.
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }
}

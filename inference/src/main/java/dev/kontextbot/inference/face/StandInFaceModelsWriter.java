package dev.kontextbot.inference.face;

import static dev.kontextbot.inference.model.OnnxGraphBuilder.integer;
import static dev.kontextbot.inference.model.OnnxGraphBuilder.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.kontextbot.inference.model.OnnxGraphBuilder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes stand-ins for the two face models with the published files' tensor interfaces, under their file names, so
 * the face measure runs on real ONNX Runtime sessions in tests (the real models cannot be downloaded here).
 * <ul>
 *   <li>{@code face_detection_yunet_2023mar.onnx}: {@code input} [1, 3, 640, 640] (B, G, R, 0..255) -> {@code cls_s},
 *       {@code obj_s} [1, A, 1], {@code bbox_s} [1, A, 4], {@code kps_s} [1, A, 10] for s = 8, 16, 32. Its rule: a
 *       "face" is a saturated green square filling one 32 x 32 cell of the stride-32 grid; the cell's score is the
 *       mean of (G - (R + B) / 2) / 255 over it, and its box is the cell, with the five landmarks where the ArcFace
 *       template puts them in a 112 x 112 crop of the cell. Strides 8 and 16 always score 0.</li>
 *   <li>{@code face_recognition_sface_2021dec.onnx}: {@code data} [1, 3, 112, 112] -> {@code fc1} [1, 128]: the
 *       aligned crop averaged over 4 x 4 blocks of 28 pixels, each channel less its mean over the crop (so the
 *       pattern, not the colour, is the identity), times a fixed random 48 x 128 matrix.</li>
 * </ul>
 */
public final class StandInFaceModelsWriter {

    /** The published detector's fixed input side. */
    public static final int DETECTOR_SIDE = 640;
    /** The stride whose cells are the stand-in's faces. */
    public static final int FACE_CELL = 32;
    private static final double[][] TEMPLATE = FaceAlignment.ARCFACE_REFERENCE;
    private static final int SFACE_SIDE = FaceAlignment.SIDE;
    private static final int POOL = 28;
    private static final int EMBEDDING = 128;

    /** Red or blue over the face's green in one half: a face's "identity" on the stand-ins. */
    static final int PATTERN_LEVEL = 30;

    /**
     * Paints a face the stand-in detector finds: a square of full green with red over one half and blue over the
     * other, split left/right ({@code person} 0) or top/bottom ({@code person} 1), which the stand-in recognizer
     * tells apart. Found when the square fills one 32-pixel cell of the picture as scaled to 640 x 640.
     */
    public static void paintFace(BufferedImage image, int x, int y, int side, int person) {
        for (int dy = 0; dy < side; dy++) {
            for (int dx = 0; dx < side; dx++) {
                boolean first = person == 0 ? dx < side / 2 : dy < side / 2;
                int red = first ? PATTERN_LEVEL : 0;
                int blue = first ? 0 : PATTERN_LEVEL;
                image.setRGB(x + dx, y + dy, red << 16 | 0xFF << 8 | blue);
            }
        }
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeDetector(dir.resolve(FaceDetector.FILE));
        writeRecognizer(dir.resolve(FaceEmbedder.FILE));
    }

    void writeDetector(Path file) throws IOException {
        OnnxGraphBuilder g = new OnnxGraphBuilder("yunet_stand_in")
                .input("input", DataType.FLOAT, 1L, 3L, (long) DETECTOR_SIDE, (long) DETECTOR_SIDE)
                .int64s("flat_shape", new long[] {1, -1, 1}, 3);
        float[] kps = new float[10];
        for (int n = 0; n < 5; n++) {
            kps[2 * n] = (float) (TEMPLATE[n][0] / SFACE_SIDE);
            kps[2 * n + 1] = (float) (TEMPLATE[n][1] / SFACE_SIDE);
        }
        for (int s : new int[] {8, 16, 32}) {
            long anchors = (long) (DETECTOR_SIDE / s) * (DETECTOR_SIDE / s);
            float[] marker = new float[3 * s * s];
            if (s == FACE_CELL) {
                float unit = 1f / (s * s * 255f);
                for (int i = 0; i < s * s; i++) {
                    marker[i] = -unit / 2;            // B
                    marker[s * s + i] = unit;         // G
                    marker[2 * s * s + i] = -unit / 2; // R
                }
            }
            g.output("cls_" + s, DataType.FLOAT, 1L, anchors, 1L)
                    .output("obj_" + s, DataType.FLOAT, 1L, anchors, 1L)
                    .output("bbox_" + s, DataType.FLOAT, 1L, anchors, 4L)
                    .output("kps_" + s, DataType.FLOAT, 1L, anchors, 10L)
                    .weight("marker_" + s, marker, 1, 3, s, s)
                    .weight("to_bbox_" + s, new float[4], 1, 4)
                    .weight("bbox_offset_" + s, new float[] {0.5f, 0.5f, 0f, 0f}, 4)
                    .weight("to_kps_" + s, new float[10], 1, 10)
                    .weight("kps_offset_" + s, kps, 10)
                    .node("Conv", List.of("input", "marker_" + s), "score_map_" + s,
                            ints("kernel_shape", s, s), ints("strides", s, s))          // [1,1,640/s,640/s]
                    .node("Reshape", List.of("score_map_" + s, "flat_shape"), "cls_" + s) // [1,A,1]
                    .node("Identity", List.of("cls_" + s), "obj_" + s)                   // [1,A,1]
                    .node("MatMul", List.of("cls_" + s, "to_bbox_" + s), "bbox_zero_" + s) // [1,A,4]
                    .node("Add", List.of("bbox_zero_" + s, "bbox_offset_" + s), "bbox_" + s)
                    .node("MatMul", List.of("cls_" + s, "to_kps_" + s), "kps_zero_" + s)   // [1,A,10]
                    .node("Add", List.of("kps_zero_" + s, "kps_offset_" + s), "kps_" + s);
        }
        g.write(file, "unused.onnx_data", "KontextBot STAND-IN face detector with YuNet's interface: green squares"
                + " are faces.");
    }

    void writeRecognizer(Path file) throws IOException {
        int blocks = SFACE_SIDE / POOL;
        int features = 3 * blocks * blocks;
        float[] projection = new float[features * EMBEDDING];
        Random random = new Random(16);
        for (int i = 0; i < projection.length; i++) {
            projection[i] = (float) random.nextGaussian();
        }
        new OnnxGraphBuilder("sface_stand_in")
                .input("data", DataType.FLOAT, 1L, 3L, (long) SFACE_SIDE, (long) SFACE_SIDE)
                .output("fc1", DataType.FLOAT, 1L, (long) EMBEDDING)
                .int64s("features_shape", new long[] {1, features}, 2)
                .weight("projection", projection, features, EMBEDDING)
                .node("AveragePool", List.of("data"), "blocks",
                        ints("kernel_shape", POOL, POOL), ints("strides", POOL, POOL))    // [1,3,4,4]
                .node("ReduceMean", List.of("blocks"), "channel_mean",
                        ints("axes", 2, 3), integer("keepdims", 1))                       // [1,3,1,1]
                .node("Sub", List.of("blocks", "channel_mean"), "pattern")                // [1,3,4,4]
                .node("Reshape", List.of("pattern", "features_shape"), "features")        // [1,48]
                .node("MatMul", List.of("features", "projection"), "fc1")                 // [1,128]
                .write(file, "unused.onnx_data", "KontextBot STAND-IN face recognizer with SFace's interface.");
    }
}

package dev.kontextbot.inference.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns YuNet's raw outputs into face boxes, as OpenCV's {@code FaceDetectorYN} does (objdetect/face_detect.cpp):
 * for each stride s in {8, 16, 32} the picture (padded to the network's input, W x H) is a grid of
 * {@code (H / s) x (W / s)} anchors in row-major order; anchor (r, c) has
 * <ul>
 *   <li>score = sqrt(clamp(cls) * clamp(obj)), both clamped to [0, 1];</li>
 *   <li>box centre ((c + bbox0) * s, (r + bbox1) * s), size (exp(bbox2) * s, exp(bbox3) * s);</li>
 *   <li>landmark n at ((kps[2n] + c) * s, (kps[2n+1] + r) * s).</li>
 * </ul>
 * Candidates under the score threshold are dropped, then non-maximum suppression keeps the best of boxes overlapping
 * by more than the NMS threshold. Pure functions, so the decoding is tested without a model.
 */
public final class YuNetDecoding {

    /** YuNet's feature strides, one output group each ({@code cls_8}, {@code cls_16}, {@code cls_32}, ...). */
    public static final int[] STRIDES = {8, 16, 32};
    /** Five landmarks of two coordinates: {@code kps_*} is [1, anchors, 10]. */
    public static final int LANDMARKS = 5;
    /** OpenCV's FaceDetectorYN defaults: score 0.9, NMS IoU 0.3, at most 5000 candidates into NMS. */
    public static final double SCORE_THRESHOLD = 0.9;
    public static final double NMS_THRESHOLD = 0.3;
    public static final int TOP_K = 5000;

    /** One stride's outputs, flattened: cls and obj [anchors], bbox [anchors * 4], kps [anchors * 10]. */
    public record StrideOutputs(int stride, float[] cls, float[] obj, float[] bbox, float[] kps) {
    }

    private YuNetDecoding() {
    }

    /** Anchors of one stride for a network input of {@code width x height}. */
    public static int anchors(int width, int height, int stride) {
        return (width / stride) * (height / stride);
    }

    /** Every candidate at or above {@code scoreThreshold}, in network-input pixels, not yet suppressed. */
    public static List<FaceBox> candidates(List<StrideOutputs> outputs, int width, int height,
                                           double scoreThreshold) {
        List<FaceBox> found = new ArrayList<>();
        for (StrideOutputs o : outputs) {
            int s = o.stride();
            int cols = width / s;
            int rows = height / s;
            int anchors = rows * cols;
            if (o.cls().length < anchors || o.obj().length < anchors || o.bbox().length < anchors * 4
                    || o.kps().length < anchors * 2 * LANDMARKS) {
                throw new IllegalArgumentException("stride " + s + " outputs are smaller than its " + anchors
                        + " anchors");
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double score = Math.sqrt(clamp(o.cls()[i]) * clamp(o.obj()[i]));
                    if (score < scoreThreshold) {
                        continue;
                    }
                    double cx = (c + o.bbox()[i * 4]) * s;
                    double cy = (r + o.bbox()[i * 4 + 1]) * s;
                    double w = Math.exp(o.bbox()[i * 4 + 2]) * s;
                    double h = Math.exp(o.bbox()[i * 4 + 3]) * s;
                    List<FaceBox.Point> points = new ArrayList<>(LANDMARKS);
                    for (int n = 0; n < LANDMARKS; n++) {
                        points.add(new FaceBox.Point((o.kps()[i * 10 + 2 * n] + c) * s,
                                (o.kps()[i * 10 + 2 * n + 1] + r) * s));
                    }
                    found.add(new FaceBox(cx - w / 2, cy - h / 2, w, h, points, score));
                }
            }
        }
        return found;
    }

    /** Greedy non-maximum suppression: best score first, dropping boxes that overlap a kept one by more. */
    public static List<FaceBox> suppress(List<FaceBox> candidates, double iouThreshold, int topK) {
        List<FaceBox> sorted = candidates.stream().sorted(Comparator.comparingDouble(FaceBox::score).reversed())
                .limit(topK).toList();
        List<FaceBox> kept = new ArrayList<>();
        for (FaceBox b : sorted) {
            if (kept.stream().noneMatch(k -> k.iou(b) > iouThreshold)) {
                kept.add(b);
            }
        }
        return kept;
    }

    /** Candidates and suppression with OpenCV's default thresholds. */
    public static List<FaceBox> decode(List<StrideOutputs> outputs, int width, int height) {
        return suppress(candidates(outputs, width, height, SCORE_THRESHOLD), NMS_THRESHOLD, TOP_K);
    }

    private static double clamp(float v) {
        return Math.min(1, Math.max(0, v));
    }
}

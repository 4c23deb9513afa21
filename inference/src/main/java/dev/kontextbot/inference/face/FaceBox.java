package dev.kontextbot.inference.face;

import java.util.List;

/**
 * One face the detector found, in pixels of the picture it was given.
 *
 * @param x         left edge of the box
 * @param y         top edge of the box
 * @param width     box width
 * @param height    box height
 * @param landmarks YuNet's five points in its order: right eye, left eye, nose tip, right and left mouth corner
 * @param score     detection score in [0, 1]
 */
public record FaceBox(double x, double y, double width, double height, List<Point> landmarks, double score) {

    /** A landmark. */
    public record Point(double x, double y) {
    }

    public FaceBox {
        landmarks = List.copyOf(landmarks);
        if (landmarks.size() != YuNetDecoding.LANDMARKS) {
            throw new IllegalArgumentException("a face has " + YuNetDecoding.LANDMARKS + " landmarks, not "
                    + landmarks.size());
        }
    }

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    /** Intersection over union of the two boxes: 0 apart, 1 the same box. */
    public double iou(FaceBox other) {
        double left = Math.max(x, other.x);
        double top = Math.max(y, other.y);
        double right = Math.min(x + width, other.x + other.width);
        double bottom = Math.min(y + height, other.y + other.height);
        double inter = Math.max(0, right - left) * Math.max(0, bottom - top);
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The same face in a picture {@code 1 / factor} the size (coordinates divided by {@code factor}). */
    public FaceBox unscaled(double factor) {
        return new FaceBox(x / factor, y / factor, width / factor, height / factor,
                landmarks.stream().map(p -> new Point(p.x() / factor, p.y() / factor)).toList(), score);
    }
}

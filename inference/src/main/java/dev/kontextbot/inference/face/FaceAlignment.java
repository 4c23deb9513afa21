package dev.kontextbot.inference.face;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Crops a face to the 112 x 112 square SFace was trained on, as OpenCV's {@code FaceRecognizerSF::alignCrop} does:
 * the similarity transform (rotation, uniform scale, shift) that best maps the five detected landmarks onto the
 * ArcFace reference points, then a bilinear warp with black outside the picture. Pure functions.
 */
public final class FaceAlignment {

    /** SFace's input side. */
    public static final int SIDE = 112;
    /**
     * The ArcFace / InsightFace five-point template for a 112 x 112 crop, in YuNet's landmark order (the eye on the
     * picture's left first, nose tip, then the mouth corner on the picture's left).
     */
    public static final double[][] ARCFACE_REFERENCE = {
            {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};

    private FaceAlignment() {
    }

    /**
     * The least-squares similarity transform from {@code from} to {@code to} (closed form of Umeyama's method without
     * reflection), as {@code [a, -b, tx, b, a, ty]}: x' = a x - b y + tx, y' = b x + a y + ty.
     */
    public static double[] similarity(double[][] from, double[][] to) {
        int n = from.length;
        double fx = 0, fy = 0, tx = 0, ty = 0;
        for (int i = 0; i < n; i++) {
            fx += from[i][0];
            fy += from[i][1];
            tx += to[i][0];
            ty += to[i][1];
        }
        fx /= n;
        fy /= n;
        tx /= n;
        ty /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double sx = from[i][0] - fx, sy = from[i][1] - fy;
            double dx = to[i][0] - tx, dy = to[i][1] - ty;
            dot += sx * dx + sy * dy;
            cross += sx * dy - sy * dx;
            norm += sx * sx + sy * sy;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("the landmarks are all one point");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new double[] {a, -b, tx - (a * fx - b * fy), b, a, ty - (b * fx + a * fy)};
    }

    /** The transform from the face's landmarks to the reference points. */
    public static double[] toReference(FaceBox face) {
        List<FaceBox.Point> p = face.landmarks();
        double[][] from = new double[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            from[i] = new double[] {p.get(i).x(), p.get(i).y()};
        }
        return similarity(from, ARCFACE_REFERENCE);
    }

    /**
     * The aligned crop as SFace takes it: [3, 112, 112] channels R, G, B, samples 0..255 unscaled (OpenCV's
     * {@code blobFromImage(aligned, 1, (112, 112), 0, swapRB=true)} on a BGR picture).
     */
    public static float[] alignedRgb(BufferedImage image, FaceBox face) {
        double[] m = toReference(face);
        // Invert x' = A x + t: x = A^-1 (x' - t), A = [[a, -b], [b, a]], det = a^2 + b^2.
        double a = m[0], b = m[3];
        double det = a * a + b * b;
        int plane = SIDE * SIDE;
        float[] out = new float[3 * plane];
        int w = image.getWidth();
        int h = image.getHeight();
        for (int v = 0; v < SIDE; v++) {
            for (int u = 0; u < SIDE; u++) {
                double du = u - m[2];
                double dv = v - m[5];
                double x = (a * du + b * dv) / det;
                double y = (-b * du + a * dv) / det;
                int i = v * SIDE + u;
                float[] rgb = bilinear(image, w, h, x, y);
                out[i] = rgb[0];
                out[plane + i] = rgb[1];
                out[2 * plane + i] = rgb[2];
            }
        }
        return out;
    }

    private static float[] bilinear(BufferedImage image, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        float[] rgb = new float[3];
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int px = x0 + dx;
                int py = y0 + dy;
                if (px < 0 || py < 0 || px >= w || py >= h) {
                    continue; // black border, as warpAffine's BORDER_CONSTANT 0
                }
                double weight = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                int p = image.getRGB(px, py);
                rgb[0] += (float) (weight * (p >> 16 & 0xFF));
                rgb[1] += (float) (weight * (p >> 8 & 0xFF));
                rgb[2] += (float) (weight * (p & 0xFF));
            }
        }
        return rgb;
    }
}

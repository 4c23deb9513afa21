package dev.kontextbot.inference.face;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.drift.FaceDrift;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The face part of drift: the root's faces (YuNet), each one's embedding (SFace), and for each the best-matching face
 * of the version by cosine similarity of the embeddings; the figure is the worst root face's {@code 1 - cosine},
 * clamped to [0, 1], with a face that vanished counted as 1. Matching by embedding rather than by box overlap lets a
 * face that only moved in the frame keep its identity. Thread-safe (ORT sessions may be run concurrently).
 */
public final class FaceMeter implements AutoCloseable {

    /** A face found and embedded. */
    public record Face(FaceBox box, float[] embedding) {
    }

    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final Path dir;

    FaceMeter(FaceDetector detector, FaceEmbedder embedder, Path dir) {
        this.detector = detector;
        this.embedder = embedder;
        this.dir = dir;
    }

    /**
     * Opens {@link FaceDetector#FILE} and {@link FaceEmbedder#FILE} in {@code dir}; a missing file or a model with
     * another tensor interface is a MODEL_PACKAGE error naming the file.
     */
    public static FaceMeter open(Path dir) throws InferenceException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Small and run once per version: one intra-op thread leaves the cores to the editing model.
            options.setIntraOpNumThreads(1);
            FaceDetector detector = FaceDetector.open(env, dir.resolve(FaceDetector.FILE), options);
            try {
                return new FaceMeter(detector, FaceEmbedder.open(env, dir.resolve(FaceEmbedder.FILE), options), dir);
            } catch (InferenceException e) {
                detector.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "Face models: ONNX Runtime could not set up a session for " + dir, e);
        }
    }

    /** What is installed, for doctor and the start-up line. */
    public String description() {
        return "YuNet " + dir.resolve(FaceDetector.FILE) + " (input " + detector.inputSize() + "), SFace "
                + dir.resolve(FaceEmbedder.FILE) + " (" + FaceEmbedder.DIMENSIONS + "-d)";
    }

    /** Every face in {@code image} with its embedding. */
    public List<Face> faces(BufferedImage image) throws InferenceException {
        List<Face> faces = new ArrayList<>();
        for (FaceBox box : detector.detect(image)) {
            faces.add(new Face(box, embedder.embed(image, box)));
        }
        return faces;
    }

    /** How far the root's faces moved in {@code version}; {@link FaceDrift.NoFace} when the root has none. */
    public FaceDrift measure(BufferedImage root, BufferedImage version) throws InferenceException {
        List<Face> rootFaces = faces(root);
        if (rootFaces.isEmpty()) {
            return FaceDrift.NO_FACE;
        }
        return compare(rootFaces.stream().map(Face::embedding).toList(),
                faces(version).stream().map(Face::embedding).toList());
    }

    /** The figure from the embeddings of the root's faces (at least one) and the version's. */
    public static FaceDrift.Measured compare(List<float[]> root, List<float[]> version) {
        double worst = 0;
        int vanished = 0;
        for (float[] face : root) {
            double best = -1;
            for (float[] candidate : version) {
                best = Math.max(best, cosine(face, candidate));
            }
            if (version.isEmpty()) {
                vanished++;
            }
            worst = Math.max(worst, Math.min(1, Math.max(0, 1 - best)));
        }
        return new FaceDrift.Measured(worst, root.size(), vanished);
    }

    /** Cosine similarity; 0 when either vector is all zeros. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public void close() {
        embedder.close();
        detector.close();
    }
}

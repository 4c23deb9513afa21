package dev.kontextbot.inference.face;

import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark, not a test: the face measure's cost per version (detect and embed in the root and the version) on the
 * stand-in face models, on a 1024x1024 {@link SyntheticPhoto} with one painted face, and the parts (one detection,
 * one alignment and embedding). Args: [runs=20]. Prints mean milliseconds after 5 warm-ups.
 */
public final class FaceMeterBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("face-bench");
        new StandInFaceModelsWriter().write(dir);
        BufferedImage root = SyntheticPhoto.create(1024, 1024, 16);
        StandInFaceModelsWriter.paintFace(root, 512, 512, 64, 0);
        BufferedImage version = SyntheticPhoto.create(1024, 1024, 17);
        StandInFaceModelsWriter.paintFace(version, 512, 512, 64, 1);
        try (FaceMeter meter = FaceMeter.open(dir);
             FaceDetector detector = FaceDetector.open(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                     dir.resolve(FaceDetector.FILE), new ai.onnxruntime.OrtSession.SessionOptions());
             FaceEmbedder embedder = FaceEmbedder.open(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                     dir.resolve(FaceEmbedder.FILE), new ai.onnxruntime.OrtSession.SessionOptions())) {
            FaceBox face = detector.detect(root).getFirst();
            for (int i = 0; i < 5; i++) {
                meter.measure(root, version);
            }
            long measure = 0, detect = 0, embed = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                meter.measure(root, version);
                long t1 = System.nanoTime();
                detector.detect(root);
                long t2 = System.nanoTime();
                embedder.embed(root, face);
                long t3 = System.nanoTime();
                measure += t1 - t0;
                detect += t2 - t1;
                embed += t3 - t2;
            }
            System.out.printf("face measure per version (2 detections + 2 embeddings): %.1f ms%n", measure / 1e6 / runs);
            System.out.printf("one detection (1024x1024 scaled to 640x640, YuNet interface): %.1f ms%n",
                    detect / 1e6 / runs);
            System.out.printf("one alignment + embedding (112x112, SFace interface): %.1f ms%n", embed / 1e6 / runs);
        }
    }
}

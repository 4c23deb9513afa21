package dev.kontextbot.inference.safety;

import dev.kontextbot.inference.model.NsfwjsLayoutWriter;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark, not a test: the safety classifier's preprocessing for a 4 MP photo (2448x1632 TYPE_INT_RGB, as
 * {@code ImageDecoder} hands pictures to the screen), per layout; the same from a TYPE_3BYTE_BGR picture (a JPEG
 * reader's own output, so the conversion to RGB is included), and Java2D's bilinear shrink it replaced.
 * Args: [runs=20] [nsfwjs package dir: also time one whole classification on the real model]. Prints mean
 * milliseconds after 10 warm-ups.
 */
public final class ClassifierPreprocessingBenchmark {

    /** Enough for the JIT to have compiled the resampling loops. */
    private static final int WARMUPS = 10;

    private interface Work {
        void run() throws Exception;
    }

    private static void time(String label, int runs, Work work) throws Exception {
        for (int i = 0; i < WARMUPS; i++) {
            work.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            work.run();
        }
        System.out.printf("%-60s %7.1f ms%n", label, (System.nanoTime() - t0) / 1e6 / runs);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        BufferedImage photo = SyntheticPhoto.create(2448, 1632, 1);
        BufferedImage bgr = new BufferedImage(2448, 1632, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        Map<String, String> layouts = new LinkedHashMap<>();
        layouts.put("size 224x224, bilinear (Falconsai, nsfwjs)", """
                {"size": {"height": 224, "width": 224}, "resample": 2}""");
        layouts.put("shortest_edge 224 + crop 224, bicubic (CLIP-like)", """
                {"size": {"shortest_edge": 224}, "crop_size": {"height": 224, "width": 224}, "resample": 3}""");
        layouts.put("size 384x384, bilinear (AdamCodd)", """
                {"size": {"height": 384, "width": 384}, "resample": 2}""");
        layouts.put("size 224x224, Lanczos", """
                {"size": {"height": 224, "width": 224}, "resample": 1}""");
        Path dir = Files.createTempDirectory("preprocess-bench");
        for (Map.Entry<String, String> layout : layouts.entrySet()) {
            ClassifierPreprocessor pre = new ClassifierPreprocessor(
                    ClassifierPreprocessorTest.layout(dir, layout.getValue()));
            time(layout.getKey(), runs, () -> pre.prepare(photo));
        }
        ClassifierPreprocessor first = new ClassifierPreprocessor(
                ClassifierPreprocessorTest.layout(dir, layouts.values().iterator().next()));
        time("size 224x224, bilinear, from TYPE_3BYTE_BGR", runs, () -> first.prepare(bgr));
        time("Java2D bilinear hint to 224x224 (before)", runs, () -> java2d(photo));
        if (args.length > 1) {
            Path model = Files.createTempDirectory("nsfwjs-bench");
            new NsfwjsLayoutWriter(Path.of(args[1])).write(model, NsfwjsClassifierTest.STRETCH_BILINEAR);
            try (ImageClassifier classifier = ImageClassifier.open(model)) {
                time("whole classification, nsfwjs MobileNetV2 (1 thread)", runs, () -> classifier.classify(photo));
            }
        }
    }

    private static void java2d(BufferedImage photo) {
        BufferedImage out = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, 224, 224, null);
        g.dispose();
    }
}

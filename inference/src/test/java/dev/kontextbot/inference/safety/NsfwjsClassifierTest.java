package dev.kontextbot.inference.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.model.NsfwjsLayoutWriter;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real classifier: nsfwjs 4.4.0's MobileNetV2 (from npm; CI installs it, see .ci/run's install_test_assets),
 * converted to the Hugging Face layout by {@link NsfwjsLayoutWriter}. Scores through {@link ImageClassifier} must
 * agree with scores for the {@link PillowReference}'s input on the same model, on downscaled, non-square pictures,
 * for a stretching layout and a shortest-edge-and-crop one.
 *
 * <p>Where the package is: {@code -Dkontextbot.nsfwjs.dir} or {@code KONTEXTBOT_NSFWJS_DIR} (the package folder,
 * or an npm prefix holding {@code node_modules/nsfwjs}). Without it the tests are skipped loudly, unless
 * {@code -Dkontextbot.require.testAssets=true} (CI), where its absence fails them.
 */
@Tag("integration")
class NsfwjsClassifierTest {

    static final String STRETCH_BILINEAR = """
            {"do_resize": true, "size": {"height": 224, "width": 224}, "resample": 2,
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""";
    static final String SHORTEST_EDGE_BICUBIC_CROP = """
            {"do_resize": true, "size": {"shortest_edge": 224}, "resample": 3,
             "do_center_crop": true, "crop_size": {"height": 224, "width": 224},
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""";
    private static final double TOLERANCE = 0.03;
    private static final double[] ZERO = {0, 0, 0};
    private static final double[] ONE = {1, 1, 1};

    @TempDir
    static Path models;

    static Path packageDir;

    /** The nsfwjs package folder CI provides, or null. */
    static Path locate() {
        String given = System.getProperty("kontextbot.nsfwjs.dir", System.getenv("KONTEXTBOT_NSFWJS_DIR"));
        if (given == null || given.isBlank()) {
            return null;
        }
        Path dir = Path.of(given);
        for (Path candidate : List.of(dir, dir.resolve("node_modules").resolve("nsfwjs"))) {
            if (NsfwjsLayoutWriter.looksLikePackage(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static final String MISSING = "the nsfwjs 4.4.0 npm package is not here (set -Dkontextbot.nsfwjs.dir or"
            + " KONTEXTBOT_NSFWJS_DIR to it; .ci/run installs it): the real-classifier tests did NOT run";

    @BeforeAll
    static void convertThePackage() throws Exception {
        packageDir = locate();
        if (packageDir == null) {
            System.err.println("WARNING: " + MISSING);
            return;
        }
        NsfwjsLayoutWriter writer = new NsfwjsLayoutWriter(packageDir);
        writer.write(models.resolve("stretch"), STRETCH_BILINEAR);
        writer.write(models.resolve("crop"), SHORTEST_EDGE_BICUBIC_CROP);
    }

    /** Each test is skipped (and counted so) without the package, or fails when CI requires it. */
    @BeforeEach
    void requireThePackage() {
        if (packageDir == null) {
            if (Boolean.getBoolean("kontextbot.require.testAssets")) {
                fail(MISSING);
            }
            Assumptions.abort(MISSING);
        }
    }

    /** Flat colours with dark outlines, 1000x700: drawing-like. */
    static BufferedImage cartoon() {
        BufferedImage img = new BufferedImage(1000, 700, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(250, 240, 200));
        g.fillRect(0, 0, 1000, 700);
        g.setStroke(new BasicStroke(6));
        Color[] fills = {new Color(240, 80, 60), new Color(70, 140, 230), new Color(90, 200, 90), Color.YELLOW};
        for (int i = 0; i < 12; i++) {
            int x = 40 + i * 77 % 820;
            int y = 30 + i * 131 % 560;
            g.setColor(fills[i % fills.length]);
            g.fillOval(x, y, 160, 120);
            g.setColor(Color.BLACK);
            g.drawOval(x, y, 160, 120);
        }
        g.dispose();
        return img;
    }

    /** Fine one-pixel stripes over a photo, 1200x800: aliases badly without an antialiased shrink. */
    static BufferedImage stripedPhoto() {
        BufferedImage img = SyntheticPhoto.create(1200, 800, 21);
        for (int y = 0; y < 800; y++) {
            for (int x = (y / 40) % 2; x < 1200; x += 2) {
                img.setRGB(x, y, 0x202020);
            }
        }
        return img;
    }

    static List<BufferedImage> pictures() {
        return List.of(SyntheticPhoto.create(1200, 800, 8), SyntheticPhoto.create(640, 960, 9), cartoon(),
                stripedPhoto());
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < e.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    /** The model run on a tensor made outside the production code. */
    private static double[] scoresOf(OrtSession session, float[] pixelValues) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int side = NsfwjsLayoutWriter.SIDE;
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixelValues),
                new long[] {1, 3, side, side});
             OrtSession.Result result = session.run(Map.of("pixel_values", input))) {
            return softmax(((float[][]) result.get(0).getValue())[0]);
        }
    }

    private static float[] reference(String layout, BufferedImage picture) {
        return layout.equals("stretch")
                ? PillowReference.pixelValues(picture, 0, 224, 224, 2, 0, 0, 1 / 255.0, ZERO, ONE)
                : PillowReference.pixelValues(picture, 224, 0, 0, 3, 224, 224, 1 / 255.0, ZERO, ONE);
    }

    @Test
    void theLayoutCarriesNsfwjssLabels() throws Exception {
        try (ImageClassifier classifier = ImageClassifier.open(models.resolve("stretch"))) {
            // read lower-cased, so SAFETY_LABELS matches Drawing as drawing
            assertThat(classifier.config().labels()).containsExactly("drawing", "hentai", "neutral", "porn", "sexy");
        }
    }

    @Test
    void scoresAgreeWithTheReferenceOnDownscaledNonSquarePictures() throws Exception {
        List<String> report = new ArrayList<>();
        for (String layout : List.of("stretch", "crop")) {
            Path dir = models.resolve(layout);
            try (ImageClassifier classifier = ImageClassifier.open(dir);
                 OrtSession session = OrtEnvironment.getEnvironment().createSession(dir.resolve("model.onnx").toString())) {
                double spread = 0;
                double[] first = null;
                for (BufferedImage picture : pictures()) {
                    Map<String, Double> mine = classifier.classify(picture);
                    double[] theirs = scoresOf(session, reference(layout, picture));
                    List<String> labels = classifier.config().labels();
                    for (int i = 0; i < labels.size(); i++) {
                        assertThat(mine.get(labels.get(i))).as("%s, %s, %dx%d", layout, labels.get(i),
                                picture.getWidth(), picture.getHeight())
                                .isCloseTo(theirs[i], org.assertj.core.data.Offset.offset(TOLERANCE));
                    }
                    if (first == null) {
                        first = theirs;
                    }
                    for (int i = 0; i < theirs.length; i++) {
                        spread = Math.max(spread, Math.abs(theirs[i] - first[i]));
                    }
                    report.add(layout + " " + picture.getWidth() + "x" + picture.getHeight() + " " + mine);
                }
                // the pictures are told apart: agreement is not two constant answers
                assertThat(spread).as("largest score difference between the pictures (%s)", layout)
                        .isGreaterThan(0.1);
            }
        }
        report.forEach(System.out::println);
    }

    @Test
    void theToleranceCatchesJava2dsShrinkWhichTheClassifierUsedBefore() throws Exception {
        // Java2D's bilinear hint samples 2x2 source pixels per output pixel (no antialiasing when shrinking):
        // on fine detail its input differs from Pillow's enough to move the scores past the tolerance.
        Path dir = models.resolve("stretch");
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(dir.resolve("model.onnx").toString())) {
            BufferedImage picture = stripedPhoto();
            BufferedImage shrunk = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = shrunk.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, 224, 224, null);
            g.dispose();
            double[] java2d = scoresOf(session, PillowReference.pixelValues(shrunk, 0, 224, 224, 2, 0, 0,
                    1 / 255.0, ZERO, ONE));
            double[] reference = scoresOf(session, reference("stretch", picture));
            double worst = 0;
            for (int i = 0; i < reference.length; i++) {
                worst = Math.max(worst, Math.abs(java2d[i] - reference[i]));
            }
            assertThat(worst).isGreaterThan(TOLERANCE);
        }
    }
}

package dev.kontextbot.inference.safety;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.model.OrtSessions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image classifier in the Hugging Face image-classification layout that Optimum exports ({@code model.onnx}
 * taking {@code pixel_values}, {@code config.json}, {@code preprocessor_config.json}), run on ONNX Runtime on the
 * CPU. Preprocessing follows the layout's image processor: resize to {@code size} with its resample filter,
 * rescale, normalise with {@code image_mean} / {@code image_std}, channels first. Thread-safe (an ORT session
 * may be run concurrently).
 */
public final class ImageClassifier implements AutoCloseable {

    static final String MODEL = "model.onnx";
    static final String INPUT = "pixel_values";

    private final ClassifierConfig config;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final LanczosResizer lanczos = new LanczosResizer();

    private ImageClassifier(ClassifierConfig config, OrtEnvironment environment, OrtSession session) {
        this.config = config;
        this.environment = environment;
        this.session = session;
    }

    /** Opens the classifier in {@code dir}; a missing or malformed part is a MODEL_PACKAGE error naming it. */
    public static ImageClassifier open(Path dir) throws InferenceException {
        ClassifierConfig config = ClassifierConfig.read(dir);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Small and run once per picture: one intra-op thread leaves the cores to the editing model.
            options.setIntraOpNumThreads(1);
            OrtSession session = new OrtSessions(env).open(dir.resolve(MODEL), options);
            if (!session.getInputNames().contains(INPUT)) {
                session.close();
                throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, "Safety classifier: "
                        + dir.resolve(MODEL) + " has no input named " + INPUT + ".");
            }
            return new ImageClassifier(config, env, session);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "Safety classifier: ONNX Runtime could not set up " + dir.resolve(MODEL), e);
        }
    }

    public ClassifierConfig config() {
        return config;
    }

    /** A score in [0, 1] per label (softmax over exclusive labels, sigmoid for multi-label models). */
    public Map<String, Double> classify(BufferedImage image) throws InferenceException {
        float[] pixels = pixelValues(image);
        int w = config.width();
        int h = config.height();
        // pixel_values [1, 3, H, W] -> logits [1, labels]
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
                new long[] {1, 3, h, w});
             OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            float[][] logits = (float[][]) result.get(0).getValue();
            if (logits.length != 1 || logits[0].length != config.labels().size()) {
                throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, "Safety classifier: the model"
                        + " gives " + logits[0].length + " scores for " + config.labels().size() + " labels.");
            }
            return scores(logits[0]);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.INTERNAL, "The safety classifier failed to run.", e);
        }
    }

    private Map<String, Double> scores(float[] logits) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (config.multiLabel()) {
            for (int i = 0; i < logits.length; i++) {
                scores.put(config.labels().get(i), 1 / (1 + Math.exp(-logits[i])));
            }
            return scores;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < logits.length; i++) {
            scores.put(config.labels().get(i), e[i] / sum);
        }
        return scores;
    }

    /** The picture as the image processor prepares it: [3, H, W] row-major, channels R, G, B. */
    float[] pixelValues(BufferedImage image) {
        int w = config.width();
        int h = config.height();
        BufferedImage resized = resize(image, w, h);
        float[] out = new float[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = resized.getRGB(x, y);
                int i = y * w + x;
                out[i] = normalise(p >> 16 & 0xFF, 0);
                out[plane + i] = normalise(p >> 8 & 0xFF, 1);
                out[2 * plane + i] = normalise(p & 0xFF, 2);
            }
        }
        return out;
    }

    private float normalise(int sample, int channel) {
        return (float) ((sample * config.rescale() - config.mean()[channel]) / config.std()[channel]);
    }

    private BufferedImage resize(BufferedImage image, int w, int h) {
        if (config.resample() == 1) {
            return lanczos.resize(image, w, h);
        }
        Object hint = switch (config.resample()) {
            case 0 -> RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR;
            case 3 -> RenderingHints.VALUE_INTERPOLATION_BICUBIC;
            default -> RenderingHints.VALUE_INTERPOLATION_BILINEAR;
        };
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing to recover.
        }
    }
}

package dev.kontextbot.inference.safety;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.OrtSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image classifier in the Hugging Face image-classification layout that Optimum exports ({@code model.onnx}
 * taking {@code pixel_values}, {@code config.json}, {@code preprocessor_config.json}), run on ONNX Runtime on the
 * CPU. Preprocessing follows the layout's image processor to the bit ({@link ClassifierPreprocessor}): RGB on
 * white, Pillow's resize to {@code size} with its resample filter, centre crop, rescale, normalise with
 * {@code image_mean} / {@code image_std}, channels first. Thread-safe (an ORT session may be run concurrently).
 */
public final class ImageClassifier implements AutoCloseable {

    static final String MODEL = "model.onnx";
    static final String INPUT = "pixel_values";

    private final ClassifierConfig config;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ClassifierPreprocessor preprocessor;

    private ImageClassifier(ClassifierConfig config, OrtEnvironment environment, OrtSession session) {
        this.config = config;
        this.environment = environment;
        this.session = session;
        this.preprocessor = new ClassifierPreprocessor(config);
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
        ClassifierPreprocessor.PixelValues pixels = preprocessor.prepare(image);
        // pixel_values [1, 3, H, W] -> logits [1, labels]
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels.values()),
                new long[] {1, 3, pixels.height(), pixels.width()});
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

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing to recover.
        }
    }
}

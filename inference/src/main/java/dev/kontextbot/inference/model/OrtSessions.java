package dev.kontextbot.inference.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens ONNX Runtime sessions from file paths. Always a path, never bytes: the transformer and T5 keep their
 * weights in an external data file that ONNX Runtime resolves relative to the model file.
 */
public final class OrtSessions {

    private final OrtEnvironment environment;

    public OrtSessions(OrtEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The session for {@code modelFile}; load failures become MODEL_PACKAGE errors naming the file. */
    public OrtSession open(Path modelFile, OrtSession.SessionOptions options) throws InferenceException {
        if (!Files.isRegularFile(modelFile)) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE, modelFile + " is missing");
        }
        try {
            return environment.createSession(modelFile.toString(), options);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "ONNX Runtime could not load " + modelFile + " (" + e.getCode() + "): " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * A session from a model held in memory (e.g. a patched VAE encoder); {@code name} is its file, for messages and
     * for resolving external data (the caller sets {@link DeterministicEncoder#EXTERNAL_FOLDER_OPTION}).
     */
    public OrtSession open(byte[] model, Path name, OrtSession.SessionOptions options) throws InferenceException {
        try {
            return environment.createSession(model, options);
        } catch (OrtException e) {
            throw new InferenceException(InferenceException.Code.MODEL_PACKAGE,
                    "ONNX Runtime could not load " + name + " (" + e.getCode() + "): " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

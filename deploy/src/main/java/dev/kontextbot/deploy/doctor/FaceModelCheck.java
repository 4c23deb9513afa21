package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.face.FaceDetector;
import dev.kontextbot.inference.face.FaceEmbedder;
import dev.kontextbot.inference.face.FaceMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The optional face measure of drift: off while FACE_MODEL_DIR is unset; when set, both models load with the
 * published tensor interfaces, or the line says which file is missing or has the wrong tensors.
 */
final class FaceModelCheck implements Check {

    private final KontextConfig config;

    FaceModelCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        if (config.optional(Setting.FACE_MODEL_DIR).isEmpty()) {
            return List.of(CheckResult.ok("faces", "face drift off (FACE_MODEL_DIR unset; optional: install "
                    + FaceDetector.FILE + " and " + FaceEmbedder.FILE + " from the OpenCV Zoo to measure it)"));
        }
        Path dir = Path.of(config.optional(Setting.FACE_MODEL_DIR).get());
        if (!Files.isDirectory(dir)) {
            return List.of(CheckResult.fail("faces", "FACE_MODEL_DIR " + dir + " is not a folder"));
        }
        try (FaceMeter meter = FaceMeter.open(dir)) {
            return List.of(CheckResult.ok("faces", "face drift on: " + meter.description()));
        } catch (InferenceException e) {
            return List.of(CheckResult.fail("faces", e.getMessage()));
        }
    }
}

package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.StandInClassifierWriter;
import dev.kontextbot.inference.face.StandInFaceModelsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} on the optional face models of FACE_MODEL_DIR: off, on with the files it found, or why not. */
@Tag("integration")
class FaceModelDoctorTest {

    private static CliRunner.Result doctor(Path data, Map<String, String> extra) {
        java.util.Map<String, String> env = new java.util.HashMap<>(Map.of("KONTEXT_DATA_DIR", data.toString(),
                "REDIS_URL", "redis://127.0.0.1:1"));
        env.putAll(extra);
        return CliRunner.run(env, "doctor");
    }

    @Test
    void unsetTheFaceMeasureIsOffAndSaysWhatToInstall(@TempDir Path data) {
        assertThat(doctor(data, Map.of()).out()).containsPattern("(?m)^OK\\s+faces\\s+face drift off \\(FACE_MODEL_DIR"
                + " unset; optional: install face_detection_yunet_2023mar.onnx and face_recognition_sface_2021dec.onnx");
    }

    @Test
    void installedModelsAreNamedWithTheirInputs(@TempDir Path data) throws Exception {
        Path faces = data.resolve("faces");
        new StandInFaceModelsWriter().write(faces);

        CliRunner.Result result = doctor(data, Map.of("FACE_MODEL_DIR", faces.toString()));

        assertThat(result.out()).containsPattern("(?m)^OK\\s+faces\\s+face drift on: YuNet "
                + Pattern.quote(faces.resolve("face_detection_yunet_2023mar.onnx").toString()) + " \\(input 640x640\\),"
                + " SFace " + Pattern.quote(faces.resolve("face_recognition_sface_2021dec.onnx").toString())
                + " \\(128-d\\)");
    }

    @Test
    void aMissingFileOrAWrongModelIsAFailLineInPlainWords(@TempDir Path data) throws Exception {
        Path faces = data.resolve("faces");
        new StandInFaceModelsWriter().write(faces);
        Files.delete(faces.resolve("face_recognition_sface_2021dec.onnx"));

        CliRunner.Result missing = doctor(data, Map.of("FACE_MODEL_DIR", faces.toString()));

        assertThat(missing.out()).containsPattern("(?m)^FAIL\\s+faces\\s+"
                + Pattern.quote(faces.resolve("face_recognition_sface_2021dec.onnx").toString()) + " is missing");

        new StandInClassifierWriter().write(data.resolve("classifier"));
        Files.copy(data.resolve("classifier/model.onnx"), faces.resolve("face_recognition_sface_2021dec.onnx"),
                StandardCopyOption.REPLACE_EXISTING);

        CliRunner.Result wrong = doctor(data, Map.of("FACE_MODEL_DIR", faces.toString()));

        assertThat(wrong.out()).containsPattern("(?m)^FAIL\\s+faces\\s+Face recognizer \\(SFace\\): .* has input"
                + " pixel_values of shape \\[-1, 3, 32, 32\\], expected \\[1, 3, 112, 112\\]; is it the right file\\?");
        assertThat(wrong.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}

package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.face.StandInFaceModelsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} with FACE_MODEL_DIR: the worker opens the face models, or the start fails in one plain sentence. */
@Tag("integration")
class FaceModelRunTest {

    @TempDir
    Path data;

    @Test
    void theWorkerMeasuresFacesWithTheInstalledModels() throws Exception {
        Path faces = data.resolve("faces");
        new StandInFaceModelsWriter().write(faces);

        CliRunner run = RunCommandTest.runUntilReady(Map.of("KONTEXT_DATA_DIR", data.toString(),
                "EMBEDDED_REDIS_PORT", "0", "FACE_MODEL_DIR", faces.toString()), redis -> redis.ping());

        assertThat(run.out()).contains("Running:  face drift measured with YuNet "
                + faces.resolve("face_detection_yunet_2023mar.onnx") + " (input 640x640)");
    }

    @Test
    void aWrongModelStopsTheStartInPlainWords() throws Exception {
        Path faces = data.resolve("faces");
        new StandInFaceModelsWriter().write(faces);
        Files.copy(faces.resolve("face_recognition_sface_2021dec.onnx"),
                faces.resolve("face_detection_yunet_2023mar.onnx"), StandardCopyOption.REPLACE_EXISTING);

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                "FACE_MODEL_DIR", faces.toString()), "run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("kontextbot: The face models (FACE_MODEL_DIR) could not be loaded: Face"
                + " detector (YuNet): " + faces.resolve("face_detection_yunet_2023mar.onnx") + " has no input named"
                + " input").doesNotContain("\tat ");
    }
}

package dev.kontextbot.inference.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.drift.FaceDrift;
import dev.kontextbot.inference.model.StandInClassifierWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The face measure on real ONNX Runtime sessions of stand-ins with YuNet's and SFace's tensor interfaces (green
 * squares are faces; the red/blue split inside is the identity).
 */
@Tag("integration")
class FaceMeterTest {

    @TempDir
    static Path models;
    private static FaceMeter meter;

    @BeforeAll
    static void open() throws Exception {
        new StandInFaceModelsWriter().write(models);
        meter = FaceMeter.open(models);
    }

    @AfterAll
    static void close() {
        meter.close();
    }

    private static BufferedImage grey(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        return image;
    }

    private static BufferedImage withFace(int side, int x, int y, int faceSide, int person) {
        BufferedImage image = grey(side);
        StandInFaceModelsWriter.paintFace(image, x, y, faceSide, person);
        return image;
    }

    @Test
    void aFaceIsFoundWhereItWasPaintedWithItsLandmarks() throws Exception {
        List<FaceMeter.Face> faces = meter.faces(withFace(640, 224, 160, 32, 0));

        assertThat(faces).singleElement().satisfies(f -> {
            assertThat(f.box().x()).isCloseTo(224, within(1e-3));
            assertThat(f.box().y()).isCloseTo(160, within(1e-3));
            assertThat(f.box().width()).isCloseTo(32, within(1e-3));
            assertThat(f.box().score()).isGreaterThan(0.9);
            // The eye on the picture's left: 38.29 / 112 of the cell
            assertThat(f.box().landmarks().getFirst().x()).isCloseTo(224 + 32 * 38.2946 / 112, within(1e-3));
            assertThat(f.embedding()).hasSize(FaceEmbedder.DIMENSIONS);
        });
    }

    @Test
    void aLargerPictureIsScaledToTheInputAndTheBoxScaledBack() throws Exception {
        List<FaceMeter.Face> faces = meter.faces(withFace(1280, 640, 384, 64, 1));

        assertThat(faces).singleElement().satisfies(f -> {
            assertThat(f.box().x()).isCloseTo(640, within(0.5));
            assertThat(f.box().y()).isCloseTo(384, within(0.5));
            assertThat(f.box().width()).isCloseTo(64, within(0.5));
        });
    }

    @Test
    void theSameFaceHasNoDriftAChangedOneMoreAndAVanishedOneTheMost() throws Exception {
        BufferedImage root = withFace(640, 224, 160, 32, 0);

        FaceDrift same = meter.measure(root, withFace(640, 224, 160, 32, 0));
        FaceDrift moved = meter.measure(root, withFace(640, 416, 320, 32, 0));
        FaceDrift changed = meter.measure(root, withFace(640, 224, 160, 32, 1));
        FaceDrift vanished = meter.measure(root, grey(640));

        assertThat(same).isInstanceOfSatisfying(FaceDrift.Measured.class,
                m -> assertThat(m.worst()).isLessThan(1e-4));
        // Matched by embedding: a face that only moved in the frame is still the same face.
        assertThat(moved).isInstanceOfSatisfying(FaceDrift.Measured.class,
                m -> assertThat(m.worst()).isLessThan(1e-4));
        assertThat(changed).isInstanceOfSatisfying(FaceDrift.Measured.class, m -> {
            assertThat(m.worst()).isGreaterThan(0.3);
            assertThat(m.vanished()).isZero();
        });
        assertThat(vanished).isEqualTo(new FaceDrift.Measured(1.0, 1, 1));
    }

    @Test
    void theWorstOfTwoFacesCounts() throws Exception {
        BufferedImage root = withFace(640, 64, 64, 32, 0);
        StandInFaceModelsWriter.paintFace(root, 480, 480, 32, 1);
        BufferedImage version = withFace(640, 64, 64, 32, 0);

        FaceDrift oneGone = meter.measure(root, version);

        // The face at (480, 480) is matched to the other one, a different person: a large figure, not 0.
        assertThat(oneGone).isInstanceOfSatisfying(FaceDrift.Measured.class, m -> {
            assertThat(m.faces()).isEqualTo(2);
            assertThat(m.worst()).isGreaterThan(0.3);
        });
    }

    @Test
    void aRootWithoutFacesHasNoFigure() throws Exception {
        assertThat(meter.measure(grey(640), withFace(640, 224, 160, 32, 0))).isEqualTo(FaceDrift.NO_FACE);
    }

    @Test
    void aModelWithAnotherInterfaceIsATypedErrorNamingTheFile(@TempDir Path dir) throws Exception {
        new StandInClassifierWriter().write(dir.resolve("classifier"));
        new StandInFaceModelsWriter().write(dir);
        Files.copy(dir.resolve("classifier/model.onnx"), dir.resolve(FaceDetector.FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> FaceMeter.open(dir))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(InferenceException.Code.MODEL_PACKAGE))
                .hasMessageContaining("Face detector (YuNet)").hasMessageContaining(FaceDetector.FILE)
                .hasMessageContaining("has no input named input");
    }

    @Test
    void theDetectorInPlaceOfTheRecognizerIsRefused(@TempDir Path dir) throws Exception {
        new StandInFaceModelsWriter().write(dir);
        Files.copy(dir.resolve(FaceDetector.FILE), dir.resolve(FaceEmbedder.FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> FaceMeter.open(dir)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("Face recognizer (SFace)").hasMessageContaining("expected one of each");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
        new StandInFaceModelsWriter().write(dir);
        Files.delete(dir.resolve(FaceEmbedder.FILE));

        assertThatThrownBy(() -> FaceMeter.open(dir)).isInstanceOf(InferenceException.class)
                .hasMessageContaining(FaceEmbedder.FILE).hasMessageContaining("missing");
    }

    @Test
    void cosineAndCompareArePlainArithmetic() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        assertThat(FaceMeter.cosine(a, a)).isCloseTo(1, within(1e-12));
        assertThat(FaceMeter.cosine(a, b)).isZero();
        assertThat(FaceMeter.compare(List.of(a), List.of(b, a)).worst()).isCloseTo(0, within(1e-12));
        assertThat(FaceMeter.compare(List.of(a), List.of(new float[] {-1, 0, 0})).worst()).isEqualTo(1.0);
        assertThat(FaceMeter.compare(List.of(a, b), List.of()).vanished()).isEqualTo(2);
    }
}

package dev.kontextbot.inference.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The similarity transform onto the ArcFace template and the 112 x 112 crop SFace takes. */
class FaceAlignmentTest {

    private static double[][] transformed(double[][] points, double scale, double angle, double tx, double ty) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0], y = points[i][1];
            out[i] = new double[] {scale * (Math.cos(angle) * x - Math.sin(angle) * y) + tx,
                    scale * (Math.sin(angle) * x + Math.cos(angle) * y) + ty};
        }
        return out;
    }

    @Test
    void aRotatedScaledShiftedFaceMapsBackExactly() {
        double[][] ref = FaceAlignment.ARCFACE_REFERENCE;
        double[][] seen = transformed(ref, 2.5, 0.3, 140, -20);

        double[] m = FaceAlignment.similarity(seen, ref);

        for (int i = 0; i < ref.length; i++) {
            double x = m[0] * seen[i][0] + m[1] * seen[i][1] + m[2];
            double y = m[3] * seen[i][0] + m[4] * seen[i][1] + m[5];
            assertThat(x).isCloseTo(ref[i][0], within(1e-9));
            assertThat(y).isCloseTo(ref[i][1], within(1e-9));
        }
        // Scale 1 / 2.5 and rotation -0.3: a = cos(-0.3) / 2.5, b = sin(-0.3) / 2.5
        assertThat(m[0]).isCloseTo(Math.cos(-0.3) / 2.5, within(1e-9));
        assertThat(m[3]).isCloseTo(Math.sin(-0.3) / 2.5, within(1e-9));
    }

    @Test
    void aFaceWhoseLandmarksSitOnTheTemplateIsCroppedAsIs() {
        BufferedImage image = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                image.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | 77);
            }
        }
        List<FaceBox.Point> points = new ArrayList<>();
        for (double[] p : FaceAlignment.ARCFACE_REFERENCE) {
            points.add(new FaceBox.Point(p[0], p[1]));
        }

        float[] crop = FaceAlignment.alignedRgb(image, new FaceBox(0, 0, 112, 112, points, 1));

        int plane = 112 * 112;
        assertThat(crop).hasSize(3 * plane);
        assertThat(crop[50 * 112 + 30]).isCloseTo(60f, within(1e-3f));          // R = 2x at (30, 50)
        assertThat(crop[plane + 50 * 112 + 30]).isCloseTo(100f, within(1e-3f)); // G = 2y
        assertThat(crop[2 * plane + 50 * 112 + 30]).isCloseTo(77f, within(1e-3f));
    }

    @Test
    void aFaceHalfOutsideThePictureIsPaddedBlack() {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        // The template shifted 80 pixels left: the crop's left part lies outside the picture.
        List<FaceBox.Point> points = new ArrayList<>();
        for (double[] p : FaceAlignment.ARCFACE_REFERENCE) {
            points.add(new FaceBox.Point(p[0] - 80, p[1]));
        }

        float[] crop = FaceAlignment.alignedRgb(image, new FaceBox(-80, 0, 112, 112, points, 1));

        assertThat(crop[56 * 112 + 10]).isZero();    // x = -70 in the picture
        assertThat(crop[56 * 112 + 100]).isCloseTo(255f, within(1e-3f)); // x = 20
    }
}

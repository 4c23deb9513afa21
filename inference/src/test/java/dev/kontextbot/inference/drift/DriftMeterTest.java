package dev.kontextbot.inference.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The drift meter on a synthetic series where each step adds a known colour shift (+3 red, -2 blue) and a 3x3 box
 * blur, and re-anchoring that series back to the root.
 */
class DriftMeterTest {

    private static final int RED_PER_STEP = 3;
    private static final int BLUE_PER_STEP = -2;
    private final DriftMeter meter = new DriftMeter(new LanczosResizer());

    /** Textured picture with every channel in 50..200, so ten steps of shift never clip. */
    private static BufferedImage root() {
        BufferedImage img = new BufferedImage(192, 128, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(16);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 192; x++) {
                int base = ((x / 8 + y / 8) % 2 == 0) ? 80 : 160;
                int r = base + random.nextInt(-30, 31);
                int g = 125 + random.nextInt(-60, 61);
                int b = 255 - base + random.nextInt(-30, 31) - 50;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /** One step of drift: the colour shift, then a 3x3 box blur. */
    private static BufferedImage drift(BufferedImage in) {
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] sum = new int[3];
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = Math.clamp(x + dx, 0, w - 1);
                        int yy = Math.clamp(y + dy, 0, h - 1);
                        int p = in.getRGB(xx, yy);
                        sum[0] += (p >> 16) & 0xFF;
                        sum[1] += (p >> 8) & 0xFF;
                        sum[2] += p & 0xFF;
                        n++;
                    }
                }
                int r = Math.clamp(Math.round(sum[0] / (float) n) + RED_PER_STEP, 0, 255);
                int g = Math.round(sum[1] / (float) n);
                int b = Math.clamp(Math.round(sum[2] / (float) n) + BLUE_PER_STEP, 0, 255);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static List<BufferedImage> series(int steps) {
        List<BufferedImage> out = new ArrayList<>();
        out.add(root());
        for (int i = 0; i < steps; i++) {
            out.add(drift(out.getLast()));
        }
        return out;
    }

    @Test
    void theMeterReportsTheColourShiftAndTheBlurThatWereAdded() {
        List<BufferedImage> s = series(10);
        assertThat(meter.measure(s.getFirst(), s.getFirst())).isEqualTo(Drift.NONE);
        double lastLoss = 0;
        for (int k = 1; k <= 10; k++) {
            Drift d = meter.measure(s.getFirst(), s.get(k));
            assertThat(d.red()).as("red after %d steps", k).isCloseTo(RED_PER_STEP * k, within(0.6));
            assertThat(d.green()).as("green after %d steps", k).isCloseTo(0, within(0.6));
            assertThat(d.blue()).as("blue after %d steps", k).isCloseTo(BLUE_PER_STEP * k, within(0.6));
            assertThat(d.detailLoss()).as("detail loss after %d steps", k).isGreaterThan(lastLoss).isLessThan(1);
            lastLoss = d.detailLoss();
        }
        // One 3x3 box blur removes most of a noisy texture's Laplacian energy.
        assertThat(meter.measure(s.getFirst(), s.get(1)).detailLoss()).isGreaterThan(0.5);
    }

    @Test
    void aVersionOfAnotherSizeIsComparedAtTheRootsSize() {
        BufferedImage root = root();
        BufferedImage bigger = new LanczosResizer().resize(root, 384, 256);
        Drift d = meter.measure(root, bigger);
        assertThat(d.colourShift()).isLessThan(1.0);
    }

    @Test
    void reanchoringBringsTheColoursBackWithinOneLevelOfTheRoot() {
        List<BufferedImage> s = series(10);
        BufferedImage fixed = new ColourAnchor(meter).reanchor(s.getFirst(), s.getLast());
        Drift before = meter.measure(s.getFirst(), s.getLast());
        Drift after = meter.measure(s.getFirst(), fixed);

        assertThat(before.colourShift()).isGreaterThan(30);
        // The stated tolerance: each channel's mean within 1 level (of 255) of the root's.
        assertThat(Math.abs(after.red())).isLessThan(1.0);
        assertThat(Math.abs(after.green())).isLessThan(1.0);
        assertThat(Math.abs(after.blue())).isLessThan(1.0);
        assertThat(fixed.getWidth()).isEqualTo(s.getLast().getWidth());
    }

    @Test
    void aDriftSurvivesItsStoredForm() {
        Drift d = new Drift(12.5, -0.25, -8, 0.4321);
        assertThat(Drift.decode(d.encode())).isEqualTo(d);
        Drift withFaces = d.withFaces(new FaceDrift.Measured(0.1234, 2, 1));
        assertThat(withFaces.encode()).isEqualTo("12.500,-0.250,-8.000,0.4321,0.1234/2/1");
        assertThat(Drift.decode(withFaces.encode())).isEqualTo(withFaces);
        assertThat(Drift.decode(d.withFaces(FaceDrift.NO_FACE).encode()).faces()).isEqualTo(FaceDrift.NO_FACE);
    }

    @Test
    void aRecordFromBeforeTheFaceMeasureStillReads() {
        Drift old = Drift.decode("3.000,0.000,-2.000,0.1000");
        assertThat(old.faces()).isEqualTo(FaceDrift.NOT_MEASURED);
        assertThat(old.encode()).isEqualTo("3.000,0.000,-2.000,0.1000");
    }
}

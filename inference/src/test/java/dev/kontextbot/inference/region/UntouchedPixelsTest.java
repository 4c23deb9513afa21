package dev.kontextbot.inference.region;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Keep-untouched on a synthetic edit: one object changes, everything else only drifts a little. */
class UntouchedPixelsTest {

    private static final BufferedImage PARENT = SyntheticPhoto.create(320, 240, 21);
    private final UntouchedPixels keeper = new UntouchedPixels(new LanczosResizer());

    /** The parent with every pixel nudged by up to +-6 (regeneration drift) and a red disc at (200,120), r=30. */
    private static BufferedImage editedWithOneObject() {
        BufferedImage out = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(4);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int p = PARENT.getRGB(x, y);
                int r = Math.clamp(((p >> 16) & 0xFF) + random.nextInt(-6, 7), 0, 255);
                int g = Math.clamp(((p >> 8) & 0xFF) + random.nextInt(-6, 7), 0, 255);
                int b = Math.clamp((p & 0xFF) + random.nextInt(-6, 7), 0, 255);
                boolean disc = (x - 200) * (x - 200) + (y - 120) * (y - 120) <= 900;
                out.setRGB(x, y, disc ? 0xE01010 : r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    @Test
    void onlyTheChangedObjectStaysAndEverythingElseIsTheParentsBitForBit() {
        BufferedImage edited = editedWithOneObject();
        UntouchedPixels.Kept kept = keeper.restore(PARENT, edited).orElseThrow();
        BufferedImage result = kept.image();

        // Far from the disc (past the dilation of 2% of 320 plus the speck radius): the parent's pixels.
        Box aroundDisc = new Box(160, 80, 80, 80);
        PixelChanges vsParent = PixelChanges.between(PARENT, result, PixelChanges.box(aroundDisc));
        assertThat(vsParent.outside()).isZero();
        // The object itself is the edit's.
        assertThat(result.getRGB(200, 120) & 0xFFFFFF).isEqualTo(0xE01010);
        assertThat(result.getRGB(185, 120) & 0xFFFFFF).isEqualTo(0xE01010);
        assertThat(kept.changedShare()).isGreaterThan(0.03).isLessThan(0.1);
        // Without keeping, nearly every pixel would differ from the parent.
        assertThat(PixelChanges.between(PARENT, edited, PixelChanges.box(aroundDisc)).outside()).isGreaterThan(60_000);
    }

    @Test
    void aWholeSceneChangeIsLeftAsItIs() {
        BufferedImage brighter = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int p = PARENT.getRGB(x, y);
                brighter.setRGB(x, y, (p ^ 0x808080) & 0xFFFFFF);
            }
        }
        assertThat(keeper.restore(PARENT, brighter)).isEmpty();
        assertThat(keeper.restore(PARENT, PARENT)).isEmpty();
    }

    @Test
    void anEditOfAnotherSizeComesBackAtTheParentsSize() {
        BufferedImage bigger = new LanczosResizer().resize(editedWithOneObject(), 640, 480);
        BufferedImage result = keeper.restore(PARENT, bigger).orElseThrow().image();
        assertThat(result.getWidth()).isEqualTo(320);
        assertThat(result.getRGB(5, 5)).isEqualTo(PARENT.getRGB(5, 5) | 0xFF000000);
    }
}

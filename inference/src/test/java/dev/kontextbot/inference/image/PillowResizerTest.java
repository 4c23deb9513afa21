package dev.kontextbot.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Exact 8-bit outputs of Pillow's {@code Image.resize}, derived by hand from its algorithm for tiny grey pictures
 * (the arithmetic is in each test's comment): centres at (i + 0.5) * scale, bounds int(centre -/+ support + 0.5)
 * clamped to the picture, weights filter((x + min - centre + 0.5) / filterScale) normalised, horizontal pass first.
 */
class PillowResizerTest {

    private final PillowResizer resizer = new PillowResizer();

    /** A grey picture, one row per array, R = G = B. */
    private static BufferedImage grey(int[]... rows) {
        BufferedImage img = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length; x++) {
                img.setRGB(x, y, rows[y][x] * 0x010101);
            }
        }
        return img;
    }

    private static int[] row(BufferedImage img, int y) {
        int[] out = new int[img.getWidth()];
        for (int x = 0; x < out.length; x++) {
            int p = img.getRGB(x, y);
            assertThat(p >> 16 & 0xFF).as("grey stays grey").isEqualTo(p & 0xFF).isEqualTo(p >> 8 & 0xFF);
            out[x] = p & 0xFF;
        }
        return out;
    }

    @Test
    void bilinearHalvingWidensTheKernel() {
        // scale 2, support 1 * 2. Out 0: centre 1, taps 0..2, weights bl(-0.25), bl(0.25), bl(0.75) = .75 .75 .25
        // -> 3/7 3/7 1/7: (0*3 + 70*3 + 140) / 7 = 50. Out 1: centre 3, taps 1..3, 1/7 3/7 3/7: (70 + 420 + 630) / 7 = 160.
        assertThat(row(resizer.resize(grey(new int[] {0, 70, 140, 210}), 2, 1, ResampleFilter.BILINEAR), 0))
                .containsExactly(50, 160);
        // the same weights on 0 10 20 30: 50/7 = 7.14 -> 7 and 160/7 = 22.86 -> 23
        assertThat(row(resizer.resize(grey(new int[] {0, 10, 20, 30}), 2, 1, ResampleFilter.BILINEAR), 0))
                .containsExactly(7, 23);
    }

    @Test
    void bicubicUsesAMinusOneHalf() {
        // scale 2, support 2 * 2. Out 0: centre 1, taps 0..3 at -0.25 0.25 0.75 1.25:
        // bc(0.25) = (1.5*0.25 - 2.5) * 0.0625 + 1 = 0.8671875, bc(0.75) = 0.2265625,
        // bc(1.25) = (((1.25 - 5) * 1.25 + 8) * 1.25 - 4) * -0.5 = -0.0703125; sum 1.890625.
        // (70*0.8671875 + 140*0.2265625 - 210*0.0703125) / 1.890625 = 41.07 -> 41.
        // Out 1 (mirror weights): (70*0.2265625 + 140*0.8671875 + 210*0.8671875) / 1.890625 = 168.93 -> 169.
        assertThat(row(resizer.resize(grey(new int[] {0, 70, 140, 210}), 2, 1, ResampleFilter.BICUBIC), 0))
                .containsExactly(41, 169);
    }

    @Test
    void boxAndNearest() {
        // box, scale 2, support 0.5 * 2: out 0 takes pixels 0 and 1 (at -0.25, 0.25), out 1 pixels 2 and 3
        assertThat(row(resizer.resize(grey(new int[] {0, 70, 140, 210}), 2, 1, ResampleFilter.BOX), 0))
                .containsExactly(35, 175);
        // nearest: source index int((i + 0.5) * scale): scale 2 -> 1, 3; scale 1.5 -> 0, 2
        assertThat(row(resizer.resize(grey(new int[] {0, 70, 140, 210}), 2, 1, ResampleFilter.NEAREST), 0))
                .containsExactly(70, 210);
        assertThat(row(resizer.resize(grey(new int[] {0, 70, 140}), 2, 1, ResampleFilter.NEAREST), 0))
                .containsExactly(0, 140);
    }

    @Test
    void upscalingKeepsTheKernelAtItsOwnWidth() {
        // scale 0.5, support 1. Centres 0.25 0.75 1.25 1.75: out 0 has the one tap 0, out 1 taps 0, 1 at
        // -0.25, 0.75 (weights .75 .25) -> 50, out 2 the mirror -> 150, out 3 the one tap 1 -> 200.
        assertThat(row(resizer.resize(grey(new int[] {0, 200}), 4, 1, ResampleFilter.BILINEAR), 0))
                .containsExactly(0, 50, 150, 200);
    }

    @Test
    void theHorizontalPassComesFirstAndIsRoundedTo8Bits() {
        // 3x2 -> 1x1 bilinear. Horizontal (weights 2/7 3/7 2/7): row 0 -> 0, row 1 -> 4/7 -> 1; vertical
        // (1/2 1/2): 0.5, which Pillow's fixed point rounds up -> 1. Vertical first would give columns 0 0 1 and
        // then 2/7 -> 0; no rounding between the passes would give 2/7 -> 0.
        BufferedImage out = resizer.resize(grey(new int[] {0, 0, 0}, new int[] {0, 0, 2}), 1, 1,
                ResampleFilter.BILINEAR);
        assertThat(row(out, 0)).containsExactly(1);
    }

    @Test
    void channelsAreResampledEachOnItsOwn() {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        int[] red = {0, 70, 140, 210};
        for (int x = 0; x < 4; x++) {
            img.setRGB(x, 0, red[x] << 16 | red[3 - x] << 8 | 255);
        }
        BufferedImage out = resizer.resize(img, 2, 1, ResampleFilter.BILINEAR);
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(50 << 16 | 160 << 8 | 255);
        assertThat(out.getRGB(1, 0) & 0xFFFFFF).isEqualTo(160 << 16 | 50 << 8 | 255);
    }

    @Test
    void aPictureAtItsSizeIsNotResampledOnlyMadeRgbOnWhite() {
        BufferedImage sharp = grey(new int[] {0, 255, 0}, new int[] {255, 0, 255});
        BufferedImage same = resizer.resize(sharp, 3, 2, ResampleFilter.LANCZOS);
        assertThat(row(same, 0)).containsExactly(0, 255, 0);
        assertThat(row(same, 1)).containsExactly(255, 0, 255);
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0x80FF0000); // half-transparent red
        BufferedImage onWhite = resizer.resize(argb, 2, 1, ResampleFilter.BILINEAR);
        assertThat(onWhite.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(onWhite.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        // 255*128/255 + 255*127/255 = 255 red; green and blue 127/255 of white = 127
        assertThat(onWhite.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF7F7F);
    }

    @Test
    void oneAxisOnlyLeavesTheOtherAlone() {
        BufferedImage out = resizer.resize(grey(new int[] {0, 70, 140, 210}, new int[] {0, 10, 20, 30}), 2, 2,
                ResampleFilter.BILINEAR);
        assertThat(row(out, 0)).containsExactly(50, 160);
        assertThat(row(out, 1)).containsExactly(7, 23);
    }

    @Test
    void lanczosAgreesWithTheEditingPipelinesResizerToOneLevel() {
        // LanczosResizer keeps float weights (the pipeline's results depend on them); Pillow's fixed point may
        // differ from it by one level where a sum falls next to a rounding boundary, never more.
        BufferedImage photo = SyntheticPhoto.create(640, 400, 7);
        BufferedImage mine = resizer.resize(photo, 224, 150, ResampleFilter.LANCZOS);
        BufferedImage theirs = new LanczosResizer().resize(photo, 224, 150);
        int differing = 0;
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 224; x++) {
                int p = mine.getRGB(x, y);
                int q = theirs.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                    assertThat(d).as("at %d,%d", x, y).isLessThanOrEqualTo(1);
                    differing += d;
                }
            }
        }
        assertThat(differing).as("samples one level apart").isLessThan(224 * 150 * 3 / 100);
    }

    @Test
    void unknownCodesAndEmptySizesAreRefused() {
        assertThat(ResampleFilter.ofPilCode(3)).isEqualTo(ResampleFilter.BICUBIC);
        assertThatThrownBy(() -> ResampleFilter.ofPilCode(7)).hasMessageContaining("resample 7");
        assertThatThrownBy(() -> resizer.resize(grey(new int[] {1}), 0, 1, ResampleFilter.BILINEAR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

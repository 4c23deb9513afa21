package dev.kontextbot.inference.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextCollageTest {

    private final ContextCollage collage = new ContextCollage(new LanczosResizer());

    private static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void placesPicturesLeftToRightAtTheSmallestHeight() {
        BufferedImage red = filled(40, 20, 0xFF0000);
        BufferedImage blue = filled(20, 40, 0x0000FF);
        BufferedImage out = collage.sideBySide(List.of(red, blue));
        // blue is scaled from 20x40 to 10x20
        assertThat(out.getWidth()).isEqualTo(50);
        assertThat(out.getHeight()).isEqualTo(20);
        assertThat(out.getRGB(5, 10) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(45, 10) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void oneImageIsReturnedAsItIs() {
        BufferedImage only = filled(8, 8, 0x00FF00);
        assertThat(collage.sideBySide(List.of(only))).isSameAs(only);
    }

    /**
     * Before: an album became one collage as wide as all its pictures at the smallest one's full height (ten 40 MP
     * pictures: 400 MP). Scaled down here with a small cap so the test stays light; the rule is the same.
     */
    @Test
    void theCollageIsFittedUnderItsPixelCapKeepingEachPicturesShape() {
        ContextCollage capped = new ContextCollage(new LanczosResizer(), 100_000);
        List<BufferedImage> album = java.util.Collections.nCopies(10, filled(400, 300, 0x336699));

        BufferedImage out = capped.sideBySide(album);

        assertThat((long) out.getWidth() * out.getHeight()).isLessThanOrEqualTo(100_000);
        assertThat((long) out.getWidth() * out.getHeight()).isGreaterThan(90_000);
        assertThat(out.getWidth() / 10.0 / out.getHeight()).isCloseTo(400 / 300.0, org.assertj.core.data.Offset.offset(0.05));
    }
}

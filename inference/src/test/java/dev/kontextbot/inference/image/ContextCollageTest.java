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
}

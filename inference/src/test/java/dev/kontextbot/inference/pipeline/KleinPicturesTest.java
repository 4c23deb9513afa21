package dev.kontextbot.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class KleinPicturesTest {

    private final KleinPictures pictures = new KleinPictures();

    private static BufferedImage image(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x * 7 + y * 13 << 8 | x & 0xFF);
            }
        }
        return image;
    }

    @Test
    void aPictureUnderTheCapIsOnlyCentreCroppedToMultiplesOf16() {
        BufferedImage source = image(500, 300);
        BufferedImage prepared = pictures.prepare(source, KleinPictures.limit(1));
        assertThat(prepared.getWidth()).isEqualTo(496);
        assertThat(prepared.getHeight()).isEqualTo(288);
        // (500-496)/2 = 2 columns and (300-288)/2 = 6 rows cut on the left and top.
        assertThat(prepared.getRGB(0, 0)).isEqualTo(source.getRGB(2, 6));
        assertThat(prepared.getRGB(495, 287)).isEqualTo(source.getRGB(497, 293));
    }

    @Test
    void capPixelsScalesBySqrtOfTheLimitAndTruncatesTheSides() {
        // 3000x2000 with several pictures: scale sqrt(1024^2 / 6e6) = 0.41806, sides 1254 and 836, then cropped.
        int[] size = KleinPictures.preparedSize(3000, 2000, KleinPictures.limit(2));
        double scale = Math.sqrt(1024.0 * 1024 / 6_000_000);
        assertThat(size).containsExactly((int) (3000 * scale) / 16 * 16, (int) (2000 * scale) / 16 * 16);
        assertThat(size).containsExactly(1248, 832);
        BufferedImage prepared = pictures.prepare(image(3000, 2000), KleinPictures.limit(2));
        assertThat(prepared.getWidth()).isEqualTo(1248);
        assertThat(prepared.getHeight()).isEqualTo(832);
        // Alone, the cap is 2024^2: 1800x1200 stays as it is (cropped), 3000x2000 is scaled by sqrt(2024^2 / 6e6).
        assertThat(KleinPictures.preparedSize(1800, 1200, KleinPictures.limit(1))).containsExactly(1792, 1200);
        double alone = Math.sqrt(2024.0 * 2024 / 6_000_000);
        assertThat(KleinPictures.preparedSize(3000, 2000, KleinPictures.limit(1)))
                .containsExactly((int) (3000 * alone) / 16 * 16, (int) (2000 * alone) / 16 * 16);
    }

    @Test
    void tooSmallOrTooNarrowIsRefusedNamingThePicture() {
        assertThatThrownBy(() -> KleinPictures.check(image(63, 200), 0, 1)).hasMessageStartingWith("The picture is 63x200");
        assertThatThrownBy(() -> KleinPictures.check(image(900, 100), 1, 2)).hasMessageStartingWith("Picture 2 is 900x100")
                .hasMessageContaining("more than 8 times");
    }
}

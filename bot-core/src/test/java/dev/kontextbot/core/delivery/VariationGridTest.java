package dev.kontextbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class VariationGridTest {

    private static final int GAP = VariationGrid.GAP;
    private final VariationGrid grid = new VariationGrid(new LanczosResizer());

    /** A picture of one flat colour, so a tile's pixels say which picture they came from. */
    private static BufferedImage flat(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static final int[] COLOURS = {0xE04040, 0x40C040, 0x4060E0, 0xE0C040};

    private static List<BufferedImage> set(int n, int w, int h) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> flat(w, h, COLOURS[i])).toList();
    }

    @Test
    void twoSitSideBySideAtTheirOwnSize() {
        VariationGrid.Grid two = grid.compose(set(2, 320, 240));

        assertThat(two.image().getWidth()).isEqualTo(2 * 320 + 3 * GAP);
        assertThat(two.image().getHeight()).isEqualTo(240 + 2 * GAP);
        assertThat(two.tiles()).containsExactly(new Rectangle(GAP, GAP, 320, 240),
                new Rectangle(320 + 2 * GAP, GAP, 320, 240));
        assertTilesShowTheirPictures(two, 2);
    }

    @Test
    void threeAreTwoByTwoWithTheFourthCellEmpty() {
        VariationGrid.Grid three = grid.compose(set(3, 200, 300));

        assertThat(three.image().getWidth()).isEqualTo(2 * 200 + 3 * GAP);
        assertThat(three.image().getHeight()).isEqualTo(2 * 300 + 3 * GAP);
        assertThat(three.tiles().get(2)).isEqualTo(new Rectangle(GAP, 300 + 2 * GAP, 200, 300));
        assertTilesShowTheirPictures(three, 3);
        // Where a fourth would be, only the background.
        int emptyX = 200 + 2 * GAP + 100;
        int emptyY = 300 + 2 * GAP + 150;
        assertThat(three.image().getRGB(emptyX, emptyY) & 0xFFFFFF).isEqualTo(VariationGrid.BACKGROUND.getRGB() & 0xFFFFFF);
    }

    @Test
    void fourLargePicturesAreScaledDownWithTheirAspectAndTheGridStaysWithinBounds() {
        VariationGrid.Grid four = grid.compose(set(4, 1920, 1080));

        int tileW = VariationGrid.TILE_MAX_SIDE;
        int tileH = Math.round(1080f * tileW / 1920);
        assertThat(four.tiles()).allSatisfy(t -> {
            assertThat(t.width).isEqualTo(tileW);
            assertThat(t.height).isEqualTo(tileH);
        });
        assertThat(four.image().getWidth()).isEqualTo(2 * tileW + 3 * GAP);
        assertThat(four.image().getHeight()).isEqualTo(2 * tileH + 3 * GAP);
        // Discord and Telegram take this as a photo: width plus height far under 10000, each side at most 1560.
        assertThat(Math.max(four.image().getWidth(), four.image().getHeight()))
                .isLessThanOrEqualTo(2 * VariationGrid.TILE_MAX_SIDE + 3 * GAP);
        assertThat(four.tiles().get(3)).isEqualTo(new Rectangle(tileW + 2 * GAP, tileH + 2 * GAP, tileW, tileH));
        assertTilesShowTheirPictures(four, 4);
    }

    @Test
    void eachTileCarriesItsOwnNumber() {
        VariationGrid.Grid four = grid.compose(set(4, 256, 256));

        // The badges of 1..4 are drawn from different glyphs: their lit pixels differ from each other.
        List<String> badges = four.tiles().stream().map(t -> badge(four.image(), t)).toList();
        assertThat(badges).doesNotHaveDuplicates();
        assertThat(badges).allSatisfy(b -> assertThat(b).contains("#").contains("."));
        // "1" is one column wide in its middle rows: the glyph's middle column is lit on every middle row.
        assertThat(badges.getFirst().lines().skip(2).limit(4)).allSatisfy(row -> assertThat(row).isEqualTo("..#.."));
    }

    @Test
    void aSetOfOneOrFiveIsRefused() {
        assertThatThrownBy(() -> grid.compose(set(1, 64, 64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grid.compose(Collections.nCopies(5, flat(64, 64, 0)))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Away from its badge, every tile is its picture's colour. */
    private static void assertTilesShowTheirPictures(VariationGrid.Grid g, int n) {
        assertThat(g.tiles()).hasSize(n);
        for (int i = 0; i < n; i++) {
            Rectangle t = g.tiles().get(i);
            int k = VariationGrid.badgeScale(t.width, t.height);
            int badgeEnd = k + 11 * k;
            for (int y = t.y; y < t.y + t.height; y += 7) {
                for (int x = t.x; x < t.x + t.width; x += 7) {
                    boolean inBadge = x - t.x < badgeEnd && y - t.y < badgeEnd;
                    if (!inBadge) {
                        assertThat(g.image().getRGB(x, y) & 0xFFFFFF).as("tile %d at %d,%d", i + 1, x, y)
                                .isEqualTo(COLOURS[i]);
                    }
                }
            }
        }
    }

    /** The 5x7 glyph read back from a tile's badge: '#' where the digit colour is, '.' elsewhere. */
    private static String badge(BufferedImage image, Rectangle t) {
        int k = VariationGrid.badgeScale(t.width, t.height);
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 5; col++) {
                int x = t.x + k + (col + 2) * k + k / 2;
                int y = t.y + k + (row + 2) * k + k / 2;
                out.append((image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? '#' : '.');
            }
            out.append('\n');
        }
        return out.toString();
    }
}

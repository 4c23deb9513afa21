package dev.kontextbot.inference.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.pipeline.SyntheticPhoto;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Region and mask edits: bit-exact outside, changed inside, feathered edge, plain errors. */
class RegionEditTest {

    private static final BufferedImage PHOTO = SyntheticPhoto.create(320, 240, 5);

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(rgb));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    @Test
    void aBoxEditKeepsEveryPixelOutsideAndChangesEveryPixelInside() throws Exception {
        Box box = Box.parse("100,50,120,90");
        RegionEdit edit = new RegionEdit(EditRegion.ofBox(box, 320, 240), new LanczosResizer());
        BufferedImage context = edit.context(PHOTO);
        // The crop goes to the model at the bucket of its aspect, whatever the family.
        var bucket = dev.kontextbot.inference.image.Buckets.choose(edit.crop().width(), edit.crop().height());
        assertThat(context.getWidth()).isEqualTo(bucket.width());
        assertThat(context.getHeight()).isEqualTo(bucket.height());
        // The engine returns its bucket size, not the crop's: compose scales it back.
        BufferedImage result = edit.compose(PHOTO, solid(1024, 768, 0xFF00FF));

        assertThat(result.getWidth()).isEqualTo(320);
        assertThat(result.getHeight()).isEqualTo(240);
        int changedInside = 0;
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                boolean inside = x >= 100 && x < 220 && y >= 50 && y < 140;
                int before = PHOTO.getRGB(x, y) & 0xFFFFFF;
                int after = result.getRGB(x, y) & 0xFFFFFF;
                if (!inside) {
                    assertThat(after).as("pixel %d,%d outside", x, y).isEqualTo(before);
                } else if (after != before) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).isEqualTo(120 * 90);
        // The middle takes the edit fully; the edge only partly (the feather).
        assertThat(result.getRGB(160, 95) & 0xFFFFFF).isEqualTo(0xFF00FF);
        assertThat(result.getRGB(100, 95) & 0xFFFFFF).isNotEqualTo(0xFF00FF);
    }

    @Test
    void aBoxWhoseRightEdgeOverflowsAnIntIsPastTheEdgeInPlainWords() {
        // 10 + Integer.MAX_VALUE wraps to a negative int: in int arithmetic it would pass as inside.
        assertThatThrownBy(() -> new Box(10, 10, Integer.MAX_VALUE, 5).requireWithin(100, 100))
                .isInstanceOf(InvalidRegionException.class).hasMessageContaining("goes past the edge");
        assertThatThrownBy(() -> new Box(0, Integer.MAX_VALUE, 5, 5).requireWithin(100, 100))
                .isInstanceOf(InvalidRegionException.class);
    }

    @Test
    void theCropHoldsTheRegionWithAMarginClippedToThePicture() throws Exception {
        RegionEdit edit = new RegionEdit(EditRegion.ofBox(new Box(0, 0, 80, 60), 320, 240), new LanczosResizer());
        assertThat(edit.crop()).isEqualTo(new Box(0, 0, 100, 80));
    }

    @Test
    void aMaskEditChangesOnlyWhereTheMaskIsWhite() throws Exception {
        BufferedImage mask = solid(320, 240, 0x000000);
        // A white disc of radius 40 around (200, 120).
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                if ((x - 200) * (x - 200) + (y - 120) * (y - 120) <= 1600) {
                    mask.setRGB(x, y, 0xFFFFFF);
                }
            }
        }
        RegionEdit edit = new RegionEdit(EditRegion.ofMask(mask, 320, 240), new LanczosResizer());
        BufferedImage result = edit.compose(PHOTO, solid(edit.crop().width(), edit.crop().height(), 0x00FF00));
        int changed = 0;
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                boolean white = (mask.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
                if (!white) {
                    assertThat(result.getRGB(x, y)).isEqualTo(PHOTO.getRGB(x, y) | 0xFF000000);
                } else if (result.getRGB(x, y) != (PHOTO.getRGB(x, y) | 0xFF000000)) {
                    changed++;
                }
            }
        }
        assertThat(changed).isGreaterThan(4900);
    }

    @Test
    void badRegionsAndMasksGetPlainErrors() {
        assertThatThrownBy(() -> Box.parse("100,150,300"))
                .isInstanceOf(InvalidRegionException.class).hasMessageContaining("X,Y,W,H");
        assertThatThrownBy(() -> Box.parse("1,2,0,5")).hasMessageContaining("at least 1 pixel");
        assertThatThrownBy(() -> EditRegion.ofBox(new Box(300, 0, 40, 40), 320, 240))
                .hasMessageContaining("goes past the edge of the 320x240 picture");
        assertThatThrownBy(() -> EditRegion.ofMask(solid(10, 10, 0xFFFFFF), 320, 240))
                .hasMessageContaining("The mask is 10x10 but the picture is 320x240");
        assertThatThrownBy(() -> EditRegion.ofMask(solid(320, 240, 0), 320, 240))
                .hasMessageContaining("no white pixels");
    }
}

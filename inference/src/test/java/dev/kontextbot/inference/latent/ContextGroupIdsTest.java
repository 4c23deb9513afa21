package dev.kontextbot.inference.latent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "offset" placement of several context groups, against ids worked out by hand. */
class ContextGroupIdsTest {

    @Test
    void oneGroupHasTheReferenceIdsWithoutOffset() {
        assertThat(ContextGroupIds.ids(List.of(new int[] {2, 3})))
                .containsExactly(LatentPacking.imageIds(2, 3, 1f));
    }

    @Test
    void threeGroupsSitOnPlaneOneWithoutOverlapping() {
        // Pictures of 64x48, 16x48 and 32x32 pixels: token grids (rows x columns) 3x4, 3x1 and 2x2.
        // Group 1: h=w=0, 3+0 > 4+0 is false -> below (row offset 0); the mosaic is 3x4.
        // Group 2: 3+3 > 1+4 is true -> to the right (column offset 4); the mosaic is 3x5.
        // Group 3: 2+3 > 2+5 is false -> below (row offset 3); the mosaic is 5x5.
        float[] expected = {
                1, 0, 0, 1, 0, 1, 1, 0, 2, 1, 0, 3,
                1, 1, 0, 1, 1, 1, 1, 1, 2, 1, 1, 3,
                1, 2, 0, 1, 2, 1, 1, 2, 2, 1, 2, 3,
                1, 0, 4,
                1, 1, 4,
                1, 2, 4,
                1, 3, 0, 1, 3, 1,
                1, 4, 0, 1, 4, 1};
        List<int[]> grids = List.of(new int[] {3, 4}, new int[] {3, 1}, new int[] {2, 2});

        assertThat(ContextGroupIds.ids(grids)).containsExactly(expected);
        assertThat(ContextGroupIds.place(grids)).containsExactly(
                new ContextGroupIds.Placement(3, 4, 0, 0),
                new ContextGroupIds.Placement(3, 1, 0, 4),
                new ContextGroupIds.Placement(2, 2, 3, 0));
    }

    @Test
    void noTwoContextTokensShareAPosition() {
        List<int[]> grids = List.of(new int[] {47, 87}, new int[] {64, 64}, new int[] {87, 47}, new int[] {52, 78});
        float[] ids = ContextGroupIds.ids(grids);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < ids.length; k += 3) {
            assertThat(ids[k]).isEqualTo(1f);
            assertThat(seen.add((long) ids[k + 1] << 32 | (long) ids[k + 2])).isTrue();
        }
        assertThat(seen).hasSize(47 * 87 + 64 * 64 + 87 * 47 + 52 * 78);
    }
}

package dev.kontextbot.core.region;

import dev.kontextbot.core.edit.EditService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.InvalidRegionException;
import org.junit.jupiter.api.Test;

/** The check {@code EditService.editRegion} makes before a job is queued, in overflow-safe arithmetic. */
class RegionSpecTest {

    @Test
    void aBoxWhoseRightOrBottomEdgePassesTwoToTheThirtyFirstIsPastTheEdgeNotNegative() {
        assertThatThrownBy(() -> new RegionSpec.Pixels(new Box(2147483000, 0, 1000, 10)).box(640, 480))
                .isInstanceOf(InvalidRegionException.class)
                .hasMessageContaining("goes past the edge of the 640x480 picture");
        assertThatThrownBy(() -> new RegionSpec.Pixels(new Box(0, Integer.MAX_VALUE, 10, Integer.MAX_VALUE))
                .box(640, 480)).isInstanceOf(InvalidRegionException.class);
        assertThatThrownBy(() -> RegionSpec.parse("px:2147483647,2147483647,2147483647,2147483647").box(640, 480))
                .isInstanceOf(InvalidRegionException.class);
    }

    @Test
    void aBoxReachingExactlyTheEdgeIsInside() throws InvalidRegionException {
        assertThat(new RegionSpec.Pixels(new Box(540, 380, 100, 100)).box(640, 480)).isEqualTo(new Box(540, 380, 100,
                100));
    }
}

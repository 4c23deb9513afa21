package dev.kontextbot.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.jobs.Region;
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
        assertThatThrownBy(() -> RegionSpec.from(new Region.Pixels(Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE)).box(640, 480)).isInstanceOf(InvalidRegionException.class);
    }

    @Test
    void aBoxReachingExactlyTheEdgeIsInside() throws InvalidRegionException {
        assertThat(new RegionSpec.Pixels(new Box(540, 380, 100, 100)).box(640, 480)).isEqualTo(new Box(540, 380, 100,
                100));
    }

    @Test
    void aJobCarriesFractionsToFourDecimalsAndEveryRegionBackAsTheSameBox() throws InvalidRegionException {
        RegionSpec third = new RegionSpec.Fraction(0, 0, 1.0 / 3, 1);
        assertThat(third.toRegion()).isEqualTo(new Region.Fractions(0, 0, 0.3333, 1));
        assertThat(RegionSpec.from(third.toRegion()).box(640, 480)).isEqualTo(new Box(0, 0, 214, 480));
        RegionSpec box = new RegionSpec.Pixels(new Box(16, 16, 128, 96));
        assertThat(RegionSpec.from(box.toRegion())).isEqualTo(box);
        assertThatThrownBy(() -> RegionSpec.from(new Region.Pixels(-1, 0, 8, 8)))
                .isInstanceOf(InvalidRegionException.class).hasMessageContaining("not one the worker can read");
    }
}

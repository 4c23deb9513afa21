package dev.kontextbot.inference.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kontext-pipeline.md §8, example D. */
class BucketsTest {

    @Test
    void exampleD() {
        assertThat(Buckets.choose(1920, 1080)).isEqualTo(new Bucket(1392, 752));
        assertThat(Buckets.choose(800, 1200)).isEqualTo(new Bucket(832, 1248));
        assertThat(Buckets.choose(1080, 1920)).isEqualTo(new Bucket(752, 1392));
        assertThat(Buckets.choose(4000, 3000)).isEqualTo(new Bucket(1184, 880));
        assertThat(Buckets.choose(640, 480)).isEqualTo(new Bucket(1184, 880));
    }

    @Test
    void gridsAndTokenCountsOfExampleD() {
        Bucket b = Buckets.choose(1920, 1080);
        assertThat(b.latentHeight()).isEqualTo(94);
        assertThat(b.latentWidth()).isEqualTo(174);
        assertThat(b.tokens()).isEqualTo(47 * 87).isEqualTo(4089);
        assertThat(Buckets.choose(800, 1200).tokens()).isEqualTo(4056);
        assertThat(Buckets.choose(4000, 3000).tokens()).isEqualTo(4070);
        assertThat(Buckets.choose(1000, 1000).tokens()).isEqualTo(4096);
    }

    @Test
    void seventeenBucketsEachChosenForItsOwnAspect() {
        assertThat(Buckets.PREFERRED).hasSize(17);
        for (Bucket b : Buckets.PREFERRED) {
            assertThat(Buckets.choose(b.width(), b.height())).isEqualTo(b);
        }
    }

    @Test
    void extremeAspectsGoToTheEndBuckets() {
        assertThat(Buckets.choose(10000, 10)).isEqualTo(new Bucket(1568, 672));
        assertThat(Buckets.choose(10, 10000)).isEqualTo(new Bucket(672, 1568));
    }

    @Test
    void rejectsEmptySizes() {
        assertThatThrownBy(() -> Buckets.choose(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bucket(100, 64)).isInstanceOf(IllegalArgumentException.class);
    }
}

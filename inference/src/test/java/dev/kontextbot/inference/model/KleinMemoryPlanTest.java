package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.ExecutionProviders.Device;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KleinMemoryPlanTest {

    /** About the published export: int4 Qwen3-4B, int8 4B transformer, the VAE in fp32. */
    static final Map<KleinPackage.Graph, Long> PUBLISHED = Map.of(
            KleinPackage.Graph.TEXT_ENCODER, 2_600_000_000L,
            KleinPackage.Graph.TRANSFORMER, 4_100_000_000L,
            KleinPackage.Graph.VAE_ENCODER, 140_000_000L,
            KleinPackage.Graph.VAE_DECODER, 200_000_000L);

    @Test
    void aSmallCardGetsTheTextEncoderOnDemandAndALargeOneKeepsEverythingLoaded() {
        KleinMemoryPlan eight = KleinMemoryPlan.plan(PUBLISHED, Device.CUDA, 12L << 30, MemoryMode.AUTO);
        KleinMemoryPlan twentyFour = KleinMemoryPlan.plan(PUBLISHED, Device.CUDA, 24L << 30, MemoryMode.AUTO);
        assertThat(eight.mode()).isEqualTo(MemoryMode.LOW);
        assertThat(eight.fits()).isTrue();
        assertThat(twentyFour.mode()).isEqualTo(MemoryMode.RESIDENT);
        assertThat(twentyFour.fits()).isTrue();
        assertThat(twentyFour.largestSide()).isGreaterThan(eight.largestSide());
        assertThat(String.join("\n", eight.lines())).contains("text encoder on demand").contains("[estimate]");
    }

    @Test
    void theLowModeNeedsLessThanResidentAndBiggerPicturesNeedMore() {
        assertThat(KleinMemoryPlan.peak(PUBLISHED, MemoryMode.LOW, 1024))
                .isLessThan(KleinMemoryPlan.peak(PUBLISHED, MemoryMode.RESIDENT, 1024));
        assertThat(KleinMemoryPlan.peak(PUBLISHED, MemoryMode.LOW, 2048))
                .isGreaterThan(KleinMemoryPlan.peak(PUBLISHED, MemoryMode.LOW, 1024));
        assertThat(KleinMemoryPlan.tokens(1024)).isEqualTo(2 * 64 * 64 + 512);
    }

    @Test
    void tensorRtIsNamedAsNotRunningIt() {
        assertThat(KleinMemoryPlan.plan(PUBLISHED, Device.TENSORRT, 24L << 30, MemoryMode.AUTO).lines())
                .anyMatch(l -> l.contains("TensorRT does not run MatMulNBits"));
    }
}

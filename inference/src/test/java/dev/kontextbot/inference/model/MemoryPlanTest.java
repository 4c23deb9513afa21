package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.model.ExecutionProviders.Device;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** The memory plan as a pure function, with the release's weights (kontext-pipeline.md §5.1). */
class MemoryPlanTest {

    private static final long GIB = 1L << 30;

    private static Map<ModelInterface, Long> release(long transformerBytes) {
        return Map.of(ModelInterface.CLIP, 246_000_000L, ModelInterface.T5, 9_524_000_000L,
                ModelInterface.TRANSFORMER, transformerBytes, ModelInterface.VAE_ENCODER, 137_000_000L,
                ModelInterface.VAE_DECODER, 198_000_000L);
    }

    private static final Map<ModelInterface, Long> BF16 = release(23_802_816_640L);
    /** fp8 weights (1 byte per parameter) plus bf16 norms, embeddings and scales [estimate]. */
    private static final Map<ModelInterface, Long> FP8 = release(12_400_000_000L);

    @Test
    void fp8OnTensorRtFitsA24GbCardWithT5OnDemand() {
        MemoryPlan plan = MemoryPlan.plan(FP8, Device.TENSORRT, Precision.FP8, true, 24 * GIB, MemoryMode.AUTO);

        assertThat(plan.mode()).isEqualTo(MemoryMode.LOW);
        assertThat(plan.fits()).isTrue();
        assertThat(plan.largestSide()).isGreaterThanOrEqualTo(1024);
        assertThat(plan.lines().getLast()).startsWith("Mode low (KONTEXT_MEMORY=auto chose it): largest picture that fits");
        // Everything resident would not fit: T5 alone is 9.5 GB beside the transformer.
        assertThat(MemoryPlan.peak(FP8, MemoryMode.RESIDENT, true, 2, 4, 1024)).isGreaterThan((long) (24 * GIB * 0.95));
    }

    @Test
    void bf16NeedsA48GbCardAndIsResidentOn80() {
        MemoryPlan on24 = MemoryPlan.plan(BF16, Device.CUDA, Precision.BF16, true, 24 * GIB, MemoryMode.AUTO);
        MemoryPlan on48 = MemoryPlan.plan(BF16, Device.CUDA, Precision.BF16, true, 48 * GIB, MemoryMode.AUTO);
        MemoryPlan on80 = MemoryPlan.plan(BF16, Device.CUDA, Precision.BF16, true, 80 * GIB, MemoryMode.AUTO);

        assertThat(on24.fits()).isFalse();
        assertThat(on24.largestSide()).isZero();
        assertThat(on24.lines().getLast()).contains("does NOT fit this GPU");
        assertThat(on48.fits()).isTrue();
        assertThat(on80.mode()).isEqualTo(MemoryMode.RESIDENT);
        assertThat(on80.largestSide()).isGreaterThan(on48.largestSide() - 1);
    }

    @Test
    void kontextMemoryOverridesTheChoiceAndLowNeverNeedsMore() {
        MemoryPlan resident = MemoryPlan.plan(FP8, Device.TENSORRT, Precision.FP8, true, 24 * GIB, MemoryMode.RESIDENT);
        MemoryPlan low = MemoryPlan.plan(FP8, Device.TENSORRT, Precision.FP8, true, 80 * GIB, MemoryMode.LOW);

        assertThat(resident.mode()).isEqualTo(MemoryMode.RESIDENT);
        assertThat(resident.lines().getLast()).contains("(set by KONTEXT_MEMORY)");
        assertThat(low.mode()).isEqualTo(MemoryMode.LOW);
        for (int side : MemoryPlan.SIDES) {
            assertThat(MemoryPlan.peak(BF16, MemoryMode.LOW, false, 2, 4, side))
                    .isLessThanOrEqualTo(MemoryPlan.peak(BF16, MemoryMode.RESIDENT, false, 2, 4, side));
        }
    }

    @Test
    void cudaAttentionGrowsWithTheSquareOfTheTokensAndTensorRtsDoesNot() {
        long cuda1024 = MemoryPlan.transformerActivations(1024, 2, false);
        long cuda2048 = MemoryPlan.transformerActivations(2048, 2, false);
        long trt2048 = MemoryPlan.transformerActivations(2048, 2, true);

        assertThat(cuda2048).isGreaterThan(4 * cuda1024);
        assertThat(trt2048).isLessThan(cuda2048 / 10);
    }

    @Test
    void thePlanPrintsOneLinePerModelAndTheChoice() {
        MemoryPlan plan = MemoryPlan.plan(BF16, Device.CUDA, Precision.BF16, true, 80 * GIB, MemoryMode.AUTO);
        plan.lines().forEach(System.out::println);

        assertThat(plan.lines().getFirst()).isEqualTo("GPU memory 80.0 GiB (76.0 GiB usable after 5% headroom), provider cuda");
        assertThat(plan.lines()).contains("  weights transformer        22.2 GiB");
        assertThat(plan.maxPixels()).contains((long) plan.largestSide() * plan.largestSide());
    }
}

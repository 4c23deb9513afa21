package dev.kontextbot.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.pipeline.WarmUpPlan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

/** The CUDA and TensorRT option maps, the profile ranges and the warm-up shapes, as pure functions. */
class ProviderOptionsTest {

    private final ShapeProfiles profiles = ShapeProfiles.defaults();

    @Test
    void cudaOptionsDoNotHoardMemory() {
        assertThat(ProviderOptions.cuda(1, MemoryMode.AUTO)).containsExactly(
                Map.entry("device_id", "1"),
                Map.entry("arena_extend_strategy", "kSameAsRequested"),
                Map.entry("cudnn_conv_algo_search", "HEURISTIC"),
                Map.entry("do_copy_in_default_stream", "1"),
                Map.entry("cudnn_conv_use_max_workspace", "1"));
        assertThat(ProviderOptions.cuda(0, MemoryMode.LOW)).containsEntry("cudnn_conv_use_max_workspace", "0");
        assertThat(ProviderOptions.shrinkArenaAfterRun(2)).containsEntry("memory.enable_memory_arena_shrinkage", "gpu:2");
    }

    @Test
    void tensorRtOptionsCarryExplicitProfilesAndCachesUnderTheDataFolder() {
        Path cache = Path.of("/data/cache/tensorrt");
        Map<String, String> o = ProviderOptions.tensorRt(0, ModelInterface.TRANSFORMER, Precision.BF16, profiles, cache);

        assertThat(o).containsEntry("trt_engine_cache_enable", "1")
                .containsEntry("trt_engine_cache_path", "/data/cache/tensorrt/transformer.opt")
                .containsEntry("trt_timing_cache_enable", "1")
                .containsEntry("trt_timing_cache_path", "/data/cache/tensorrt")
                .containsEntry("trt_context_memory_sharing_enable", "1")
                .doesNotContainKey("trt_fp16_enable")
                .containsEntry("trt_profile_min_shapes", "hidden_states:1x256x64,encoder_hidden_states:1x512x4096,"
                        + "pooled_projections:1x768,timestep:1,img_ids:256x3,txt_ids:512x3,guidance:1")
                .containsEntry("trt_profile_opt_shapes", "hidden_states:1x8192x64,encoder_hidden_states:1x512x4096,"
                        + "pooled_projections:1x768,timestep:1,img_ids:8192x3,txt_ids:512x3,guidance:1")
                .containsEntry("trt_profile_max_shapes", "hidden_states:1x20534x64,encoder_hidden_states:1x512x4096,"
                        + "pooled_projections:1x768,timestep:1,img_ids:20534x3,txt_ids:512x3,guidance:1");
        assertThat(ProviderOptions.tensorRt(0, ModelInterface.VAE_ENCODER, Precision.FP16, profiles, cache))
                .containsEntry("trt_fp16_enable", "1")
                .containsEntry("trt_profile_min_shapes", "images:1x3x672x672")
                .containsEntry("trt_profile_max_shapes", "images:1x3x1568x1568");
        assertThat(ProviderOptions.tensorRt(0, ModelInterface.VAE_DECODER, Precision.FP32, profiles, cache))
                .containsEntry("trt_profile_min_shapes", "latent:1x16x32x32")
                .containsEntry("trt_profile_opt_shapes", "latent:1x16x128x128")
                .containsEntry("trt_profile_max_shapes", "latent:1x16x256x256");
    }

    @Test
    void theTransformerProfileCoversEveryBucketAndTheRequestLimits() {
        for (var bucket : Buckets.PREFERRED) {
            long tokens = (long) (bucket.width() / 16) * (bucket.height() / 16);
            assertThat(tokens).isBetween((long) ShapeProfiles.MIN_CONTEXT_TOKENS, (long) ShapeProfiles.MAX_CONTEXT_TOKENS);
            assertThat(profiles.fits(bucket.width(), bucket.height(), tokens)).isTrue();
            assertThat(Math.min(bucket.width(), bucket.height())).isGreaterThanOrEqualTo(ShapeProfiles.MIN_BUCKET_SIDE);
            assertThat(Math.max(bucket.width(), bucket.height())).isLessThanOrEqualTo(ShapeProfiles.MAX_BUCKET_SIDE);
        }
        assertThat(profiles.fits(256, 256, 0)).isTrue();
        assertThat(profiles.fits(2048, 2048, ShapeProfiles.MAX_CONTEXT_TOKENS)).isTrue();
        assertThat(profiles.fits(2048, 2048, 16384)).isFalse();
        // A plan that caps the picture at 1024x1024 shrinks the profile with it.
        ShapeProfiles capped = new ShapeProfiles(256, 2048, 1024L * 1024);
        assertThat(capped.maxSequence()).isEqualTo(4096 + ShapeProfiles.MAX_CONTEXT_TOKENS);
        assertThat(capped.fits(1392, 752, 4089)).isTrue();
        assertThat(capped.fits(1536, 1536, 4096)).isFalse();
    }

    @Test
    void theWarmUpShapesLieInsideTheProfilesOnEveryDevice() {
        for (Device device : Device.values()) {
            WarmUpPlan plan = WarmUpPlan.forDevice(device);
            plan.shapes().forEach((model, shapes) ->
                    assertThat(profiles.contains(model, shapes)).as(device + " " + model).isTrue());
        }
        assertThat(WarmUpPlan.forDevice(Device.TENSORRT)).isEqualTo(new WarmUpPlan(1, 1024));
        assertThat(WarmUpPlan.forDevice(Device.TENSORRT).shapes().get(ModelInterface.TRANSFORMER).get("hidden_states"))
                .containsExactly(1, profiles.optSequence(), 64);
        assertThat(WarmUpPlan.forDevice(Device.CPU)).isEqualTo(new WarmUpPlan(8, 512));
    }
}

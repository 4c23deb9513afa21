package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.image.Buckets;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import dev.kontextbot.inference.model.ModelInterface;

import java.util.Map;

/**
 * The warm-up a worker runs at start: {@code jobs} edits of a {@code side} x {@code side} picture (its context is
 * the picture at its bucket) with 2 steps. On the CPU and CUDA, eight small edits warm the JIT; on TensorRT one edit
 * at the profiles' opt shape (1024x1024 with a 1024x1024 context) builds or loads every engine before the first job.
 */
public record WarmUpPlan(int jobs, int side) {

    static final int STEPS = 2;

    public static WarmUpPlan forDevice(Device device) {
        return device == Device.TENSORRT ? new WarmUpPlan(1, 1024) : new WarmUpPlan(8, 512);
    }

    /** The context the warm-up picture becomes (its bucket). */
    public Bucket context() {
        return Buckets.choose(side, side);
    }

    /** The input shapes each model sees during the warm-up, for checking them against the TensorRT profiles. */
    public Map<ModelInterface, Map<String, long[]>> shapes() {
        Bucket c = context();
        long n = (long) (side / 16) * (side / 16);
        long s = n + (long) (c.width() / 16) * (c.height() / 16);
        return Map.of(
                ModelInterface.CLIP, Map.of("input_ids", new long[] {1, 77}),
                ModelInterface.T5, Map.of("input_ids", new long[] {1, 512}),
                ModelInterface.TRANSFORMER, Map.of("hidden_states", new long[] {1, s, 64}, "img_ids", new long[] {s, 3},
                        "encoder_hidden_states", new long[] {1, 512, 4096}, "txt_ids", new long[] {512, 3}),
                ModelInterface.VAE_ENCODER, Map.of("images", new long[] {1, 3, c.height(), c.width()}),
                ModelInterface.VAE_DECODER, Map.of("latent", new long[] {1, 16, side / 8, side / 8}));
    }
}

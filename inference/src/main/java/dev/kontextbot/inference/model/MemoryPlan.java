package dev.kontextbot.inference.model;

import dev.kontextbot.inference.model.ExecutionProviders.Device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The GPU memory plan, a pure function of the weights (read from the files), the provider, the GPU's memory and
 * KONTEXT_MEMORY. Activation figures are ESTIMATES from the tensor sizes of each phase, not measurements (nothing
 * could be measured on a GPU here); the weights are exact.
 *
 * <p>Phases: text (CLIP, T5), denoise (the transformer), VAE (encode or decode). In the RESIDENT mode all five models
 * stay loaded and, on the CUDA provider, each session's arena keeps its peak, so the peaks add up; TensorRT shares
 * one activation area between its engines ({@code trt_context_memory_sharing_enable}), so only the largest counts.
 * In the LOW mode T5 is opened on a text-cache miss and closed after, and the VAE arenas shrink after each run, so
 * the peak is the largest single phase.
 *
 * @param mode            the mode chosen (never AUTO)
 * @param fits            whether a 1024x1024 edit fits at all in that mode
 * @param peakBytes       the estimated peak of a 1024x1024 edit in that mode
 * @param largestSide     the largest square output that fits (0 when nothing does), whose area caps the requests
 * @param lines           the plan in words, for {@code models plan} and {@code doctor}
 */
public record MemoryPlan(MemoryMode mode, boolean fits, long peakBytes, int largestSide, List<String> lines) {

    /** CUDA context, cuBLAS/cuDNN handles and workspaces [estimate]. */
    static final long RUNTIME_OVERHEAD = 1_000_000_000L;
    /** Keep this share of the card free (fragmentation, the display, other processes). */
    static final double HEADROOM = 0.05;
    static final long TEXT_TOKENS = 512;
    static final int HEADS = 24;
    static final int HIDDEN = 3072;
    /** The widest activation of a block: fused qkv + MLP of a single-stream block (3*3072 + 12288). */
    static final int WIDEST = 3 * HIDDEN + 12288;
    static final int VAE_CHANNELS = 128;
    static final int[] SIDES = {2048, 1792, 1536, 1408, 1280, 1152, 1024, 896, 768, 640, 512, 384, 256};

    /**
     * @param weights   bytes per model, from the graphs ({@link PackageProfile#weights})
     * @param precision what the transformer computes in (bytes per activation: 4 for fp32, else 2)
     * @param vaeFp32   whether the VAE computes in fp32 (4 bytes per activation)
     * @param gpuBytes  the GPU's memory
     * @param asked     KONTEXT_MEMORY
     */
    public static MemoryPlan plan(Map<ModelInterface, Long> weights, Device device, Precision precision,
                                  boolean vaeFp32, long gpuBytes, MemoryMode asked) {
        long usable = (long) (gpuBytes * (1 - HEADROOM));
        int act = precision == Precision.FP32 ? 4 : 2;
        int vaeAct = vaeFp32 ? 4 : 2;
        boolean shared = device == Device.TENSORRT;
        MemoryMode mode = asked;
        if (asked == MemoryMode.AUTO) {
            mode = peak(weights, MemoryMode.RESIDENT, shared, act, vaeAct, 1024) <= usable
                    ? MemoryMode.RESIDENT : MemoryMode.LOW;
        }
        long peak = peak(weights, mode, shared, act, vaeAct, 1024);
        int largest = 0;
        for (int side : SIDES) {
            if (peak(weights, mode, shared, act, vaeAct, side) <= usable) {
                largest = side;
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "GPU memory %s (%s usable after %.0f%% headroom), provider %s",
                gib(gpuBytes), gib(usable), HEADROOM * 100, device.name().toLowerCase(Locale.ROOT)));
        for (ModelInterface m : ModelInterface.values()) {
            lines.add(String.format(Locale.ROOT, "  weights %-18s %s", m.plainName(), gib(weights.getOrDefault(m, 0L))));
        }
        lines.add("  runtime overhead (CUDA context, workspaces) " + gib(RUNTIME_OVERHEAD) + " [estimate]");
        for (int side : new int[] {512, 1024, 1536, 2048}) {
            lines.add(String.format(Locale.ROOT, "  activations at %dx%d [estimate]: transformer %s, VAE %s, T5 %s",
                    side, side, gib(transformerActivations(side, act, shared)), gib(vaeActivations(side, vaeAct)),
                    gib(t5Activations())));
        }
        lines.add("  RESIDENT (all five models loaded): peak " + gib(peak(weights, MemoryMode.RESIDENT, shared, act,
                vaeAct, 1024)) + " for a 1024x1024 edit");
        lines.add("  LOW (T5 on demand, VAE arenas shrunk after each run): peak " + gib(peak(weights, MemoryMode.LOW,
                shared, act, vaeAct, 1024)) + " for a 1024x1024 edit");
        String choice = asked == MemoryMode.AUTO ? " (KONTEXT_MEMORY=auto chose it)" : " (set by KONTEXT_MEMORY)";
        if (largest == 0) {
            lines.add("Mode " + mode.label() + choice + ": does NOT fit this GPU even at 256x256; use a smaller "
                    + "precision (fp8 or fp4 on TensorRT) or a GPU with more memory");
        } else {
            lines.add("Mode " + mode.label() + choice + ": largest picture that fits " + largest + "x" + largest
                    + String.format(Locale.ROOT, " (%.1f MP); larger requests are refused", largest * (double) largest / 1e6));
        }
        return new MemoryPlan(mode, largest >= 1024, peak, largest, List.copyOf(lines));
    }

    /** The largest picture's area, for the request limits and the TensorRT profiles. */
    public Optional<Long> maxPixels() {
        return largestSide == 0 ? Optional.empty() : Optional.of((long) largestSide * largestSide);
    }

    static long peak(Map<ModelInterface, Long> w, MemoryMode mode, boolean shared, int act, int vaeAct, int side) {
        long clip = w.getOrDefault(ModelInterface.CLIP, 0L);
        long t5 = w.getOrDefault(ModelInterface.T5, 0L);
        long transformer = w.getOrDefault(ModelInterface.TRANSFORMER, 0L);
        long vae = w.getOrDefault(ModelInterface.VAE_ENCODER, 0L) + w.getOrDefault(ModelInterface.VAE_DECODER, 0L);
        long ta = transformerActivations(side, act, shared);
        long va = vaeActivations(side, vaeAct);
        long t5a = t5Activations();
        long resident = RUNTIME_OVERHEAD + clip + transformer + vae;
        if (mode == MemoryMode.RESIDENT) {
            long activations = shared ? Math.max(ta, Math.max(va, t5a)) : ta + 2 * va + t5a;
            return resident + t5 + activations;
        }
        // LOW: on CUDA the transformer's arena keeps its peak between jobs; TensorRT shares it.
        long kept = shared ? 0 : ta;
        long text = resident + t5 + t5a + kept;
        long denoise = resident + ta;
        long vaePhase = resident + kept + va;
        return Math.max(text, Math.max(denoise, vaePhase));
    }

    /**
     * One block's working set at sequence L = noise + context (the largest bucket, 4150 tokens) + 512 text tokens:
     * two live tensors of the widest projection; plus, on the CUDA provider, the attention scores and their softmax
     * (24 heads x L x L), which TensorRT's fused attention never materialises [estimate].
     */
    static long transformerActivations(int side, int act, boolean fusedAttention) {
        long l = (long) (side / 16) * (side / 16) + ShapeProfiles.MAX_CONTEXT_TOKENS + TEXT_TOKENS;
        long linear = 2L * l * WIDEST * act;
        long attention = fusedAttention ? 4L * l * HIDDEN * act : 2L * HEADS * l * l * act;
        return linear + attention;
    }

    /** The decoder at full resolution: four live 128-channel maps, plus its mid-block attention at 1/8 [estimate]. */
    static long vaeActivations(int side, int act) {
        long pixels = (long) side * side;
        long latentPixels = pixels / 64;
        return 4L * pixels * VAE_CHANNELS * act + latentPixels * latentPixels * act;
    }

    /** T5 at 512 tokens: small next to its weights [estimate]. */
    static long t5Activations() {
        return 300_000_000L;
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}

package dev.kontextbot.inference.model;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.model.ExecutionProviders.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GPU memory plan for a FLUX.2 [klein] package: the weights from the files (the export is already quantised, so
 * precision follows them), activations per picture size as ESTIMATES from the tensor sizes (FLUX.2 [klein] 4B:
 * hidden 3072, 24 heads; fp32 activations as exported), and the mode: everything resident, or the text encoder
 * opened on a text-cache miss and closed after (LOW), which is what lets an 8 GB card run it. TensorRT is not a
 * provider for klein.
 *
 * @param mode        the mode chosen (never AUTO)
 * @param fits        whether a 1024x1024 edit (one reference of the same size) fits in that mode
 * @param largestSide the largest square edit that fits (0 when none does)
 * @param lines       the plan in words
 */
public record KleinMemoryPlan(MemoryMode mode, boolean fits, int largestSide, List<String> lines) {

    static final int HIDDEN = 3072;
    static final int HEADS = 24;
    /** The widest activation of a single-stream block per token: fused qkv plus the gated MLP (3 x 3072 + 2 x 9216). */
    static final int WIDEST = 3 * HIDDEN + 2 * 9216;
    /** Bytes per activation: the export computes in fp32 around its quantised weights. */
    static final int ACT = 4;
    static final int[] SIDES = {2048, 1792, 1536, 1280, 1024, 768, 512, 256};

    /** Weight bytes per graph, read from the files (external data included). */
    public static Map<KleinPackage.Graph, Long> weights(Path dir) throws InferenceException {
        GraphInspector inspector = new GraphInspector();
        Map<KleinPackage.Graph, Long> weights = new EnumMap<>(KleinPackage.Graph.class);
        for (KleinPackage.Graph g : KleinPackage.Graph.values()) {
            weights.put(g, inspector.inspect(dir.resolve(g.file()), g.file()).totalWeightBytes());
        }
        return weights;
    }

    /** Tokens of an edit of a side x side picture with one reference of the same size, plus the text. */
    static long tokens(int side) {
        long image = (long) (side / 16) * (side / 16);
        return 2 * image + KleinPackage.TEXT_TOKENS;
    }

    /**
     * The transformer's live activations [estimate]: two widest maps and fused attention (ONNX Runtime's memory-
     * efficient kernel, a few maps of S x 3072); {@link #unfusedScores} is what unfused attention would add.
     */
    static long transformerActivations(int side) {
        long s = tokens(side);
        return 2L * s * WIDEST * ACT + 4L * s * HIDDEN * ACT;
    }

    /** The attention scores of all heads, S x S each, if the graph's attention is not fused [estimate]. */
    static long unfusedScores(int side) {
        long s = tokens(side);
        return (long) HEADS * s * s * ACT;
    }

    /** Qwen3-4B over 512 tokens [estimate]: small next to its weights. */
    static long textActivations() {
        return 200_000_000L;
    }

    static long peak(Map<KleinPackage.Graph, Long> w, MemoryMode mode, int side) {
        long resident = w.values().stream().mapToLong(Long::longValue).sum();
        long text = w.getOrDefault(KleinPackage.Graph.TEXT_ENCODER, 0L);
        long transformer = transformerActivations(side);
        long vae = MemoryPlan.vaeActivations(side, ACT);
        if (mode == MemoryMode.LOW) {
            // The text encoder is loaded only while it runs, before the loop: the peak is the larger phase.
            long others = resident - text;
            return MemoryPlan.RUNTIME_OVERHEAD + Math.max(others + Math.max(transformer, vae),
                    others + text + textActivations());
        }
        // Resident on CUDA: each session's arena keeps its peak, so the peaks add up.
        return MemoryPlan.RUNTIME_OVERHEAD + resident + transformer + vae + textActivations();
    }

    public static KleinMemoryPlan plan(Map<KleinPackage.Graph, Long> weights, Device device, long gpuBytes,
                                       MemoryMode asked) {
        long usable = (long) (gpuBytes * (1 - MemoryPlan.HEADROOM));
        MemoryMode mode = asked;
        if (asked == MemoryMode.AUTO) {
            mode = peak(weights, MemoryMode.RESIDENT, 1024) <= usable ? MemoryMode.RESIDENT : MemoryMode.LOW;
        }
        int largest = 0;
        for (int side : SIDES) {
            if (peak(weights, mode, side) <= usable) {
                largest = side;
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "FLUX.2 [klein] 4B: GPU memory %s (%s usable), provider %s",
                MemoryPlan.gib(gpuBytes), MemoryPlan.gib(usable), device.name().toLowerCase(Locale.ROOT)));
        if (device == Device.TENSORRT) {
            lines.add("  TensorRT does not run MatMulNBits: klein runs on cuda (or cpu), not tensorrt");
        }
        weights.forEach((g, b) -> lines.add(String.format(Locale.ROOT, "  weights %-18s %s (as exported)",
                g.plainName(), MemoryPlan.gib(b))));
        for (int side : new int[] {512, 1024, 1536, 2048}) {
            lines.add(String.format(Locale.ROOT, "  activations at %dx%d with one reference [estimate]: transformer %s,"
                            + " VAE %s, text encoder %s", side, side, MemoryPlan.gib(transformerActivations(side)),
                    MemoryPlan.gib(MemoryPlan.vaeActivations(side, ACT)), MemoryPlan.gib(textActivations())));
        }
        lines.add("  (assumes fused attention; unfused, 1024x1024 would need " + MemoryPlan.gib(unfusedScores(1024))
                + " more for the scores)");
        lines.add("  RESIDENT (all four loaded): peak " + MemoryPlan.gib(peak(weights, MemoryMode.RESIDENT, 1024))
                + " for a 1024x1024 edit");
        lines.add("  LOW (text encoder on demand): peak " + MemoryPlan.gib(peak(weights, MemoryMode.LOW, 1024))
                + " for a 1024x1024 edit");
        String choice = asked == MemoryMode.AUTO ? " (KONTEXT_MEMORY=auto chose it)" : " (set by KONTEXT_MEMORY)";
        lines.add(largest == 0 ? "Mode " + mode.label() + choice + ": does NOT fit this GPU even at 256x256"
                : "Mode " + mode.label() + choice + ": edits up to " + largest + "x" + largest + " fit");
        return new KleinMemoryPlan(mode, largest >= 1024, largest, List.copyOf(lines));
    }
}

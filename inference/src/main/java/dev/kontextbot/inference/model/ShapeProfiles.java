package dev.kontextbot.inference.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TensorRT optimisation profiles (min / opt / max shape of every input) for each model, derived from the bucket
 * table and the request limits, so an engine is built once for every request the bot accepts and a first 1024x1024
 * job never triggers a rebuild. Batch is always 1 (the engine runs one picture at a time).
 *
 * <p>Transformer sequence S = N + Nc: N noise tokens of the output, (W/16)*(H/16), and Nc context tokens, 0 for
 * text-to-image or 4042..4150 for a context picture at its bucket (688x1504 .. 800x1328). Opt is a 1024x1024 edit of
 * a 1024x1024 context, S = 8192 (kontext-pipeline.md §4.2).
 *
 * @param minSide     smallest output side (request limits)
 * @param maxSide     largest output side
 * @param maxPixels   largest output area the memory plan allows (maxSide² when nothing smaller was planned)
 */
public record ShapeProfiles(int minSide, int maxSide, long maxPixels) {

    /** Pixels per token side: the VAE's 8 times the 2x2 packing. */
    static final int PATCH = 16;
    static final int VAE_FACTOR = 8;
    /** Context tokens of the smallest and the largest bucket (688x1504 and 800x1328). */
    public static final int MIN_CONTEXT_TOKENS = 4042;
    public static final int MAX_CONTEXT_TOKENS = 4150;
    /** Smallest and largest bucket side (672 and 1568). */
    public static final int MIN_BUCKET_SIDE = 672;
    public static final int MAX_BUCKET_SIDE = 1568;
    public static final int OPT_SIDE = 1024;
    static final int CLIP_LENGTH = 77;
    static final int T5_LENGTH = 512;

    /** min / opt / max of one input, each a full shape. */
    public record Range(long[] min, long[] opt, long[] max) {
        boolean contains(long[] shape) {
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < min[i] || shape[i] > max[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    public ShapeProfiles {
        if (minSide % PATCH != 0 || maxSide % PATCH != 0 || minSide > maxSide || maxPixels < (long) minSide * minSide) {
            throw new IllegalArgumentException("sides must be multiples of 16, min <= max, and maxPixels >= min²");
        }
    }

    /** The limits of the request checks: 256..2048 px per side. */
    public static ShapeProfiles defaults() {
        return new ShapeProfiles(256, 2048, 2048L * 2048);
    }

    public long minTokens() {
        return (long) (minSide / PATCH) * (minSide / PATCH);
    }

    /** Noise tokens of the largest output the limits and the plan allow. */
    public long maxNoiseTokens() {
        return Math.min((long) (maxSide / PATCH) * (maxSide / PATCH), maxPixels / (PATCH * PATCH));
    }

    public long minSequence() {
        return minTokens();
    }

    public long optSequence() {
        return 2L * (OPT_SIDE / PATCH) * (OPT_SIDE / PATCH);
    }

    public long maxSequence() {
        return maxNoiseTokens() + MAX_CONTEXT_TOKENS;
    }

    /** The profile of {@code model}: input name -> range, in the model's input order. */
    public Map<String, Range> of(ModelInterface model) {
        Map<String, Range> p = new LinkedHashMap<>();
        switch (model) {
            case CLIP -> p.put("input_ids", fixed(1, CLIP_LENGTH));
            case T5 -> p.put("input_ids", fixed(1, T5_LENGTH));
            case TRANSFORMER -> {
                long s0 = minSequence();
                long s1 = optSequence();
                long s2 = maxSequence();
                p.put("hidden_states", new Range(new long[] {1, s0, 64}, new long[] {1, s1, 64}, new long[] {1, s2, 64}));
                p.put("encoder_hidden_states", fixed(1, T5_LENGTH, 4096));
                p.put("pooled_projections", fixed(1, 768));
                p.put("timestep", fixed(1));
                p.put("img_ids", new Range(new long[] {s0, 3}, new long[] {s1, 3}, new long[] {s2, 3}));
                p.put("txt_ids", fixed(T5_LENGTH, 3));
                p.put("guidance", fixed(1));
            }
            case VAE_ENCODER -> p.put("images", new Range(new long[] {1, 3, MIN_BUCKET_SIDE, MIN_BUCKET_SIDE},
                    new long[] {1, 3, OPT_SIDE, OPT_SIDE}, new long[] {1, 3, MAX_BUCKET_SIDE, MAX_BUCKET_SIDE}));
            case VAE_DECODER -> {
                long maxLatentSide = maxSide / VAE_FACTOR;
                p.put("latent", new Range(new long[] {1, 16, minSide / VAE_FACTOR, minSide / VAE_FACTOR},
                        new long[] {1, 16, OPT_SIDE / VAE_FACTOR, OPT_SIDE / VAE_FACTOR},
                        new long[] {1, 16, maxLatentSide, maxLatentSide}));
            }
        }
        return p;
    }

    /** Whether an output of {@code width} x {@code height} with a context of {@code contextTokens} fits the profile. */
    public boolean fits(int width, int height, long contextTokens) {
        long n = (long) (width / PATCH) * (height / PATCH);
        long s = n + contextTokens;
        return width >= minSide && height >= minSide && width <= maxSide && height <= maxSide
                && (long) width * height <= maxPixels && s >= minSequence() && s <= maxSequence();
    }

    /** Whether every input shape given lies inside {@code model}'s profile (for the warm-up check). */
    public boolean contains(ModelInterface model, Map<String, long[]> shapes) {
        Map<String, Range> p = of(model);
        return shapes.entrySet().stream().allMatch(e -> p.containsKey(e.getKey()) && p.get(e.getKey()).contains(e.getValue()));
    }

    /** ONNX Runtime's TensorRT option value: {@code name:1x8192x64,name2:...}. */
    static String format(Map<String, Range> profile, int which) {
        List<String> parts = profile.entrySet().stream().map(e -> {
            long[] shape = which == 0 ? e.getValue().min() : which == 1 ? e.getValue().opt() : e.getValue().max();
            StringBuilder b = new StringBuilder(e.getKey()).append(':');
            for (int i = 0; i < shape.length; i++) {
                b.append(i == 0 ? "" : "x").append(shape[i]);
            }
            return b.toString();
        }).toList();
        return String.join(",", parts);
    }

    private static Range fixed(long... shape) {
        return new Range(shape, shape, shape);
    }
}

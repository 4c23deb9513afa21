package dev.kontextbot.inference.schedule;

/**
 * The shifted flow-match sigma schedule of FLUX.1 (kontext-pipeline.md §3.5): BFL {@code get_schedule},
 * equivalently diffusers' {@code FlowMatchEulerDiscreteScheduler} with dynamic (exponential) shifting.
 *
 * <p>All arithmetic is in double precision, in the same order as the reference Python, so the values
 * match the §8 examples to the last few ulps.
 */
public final class FlowMatchSchedule {

    /** Shift at {@link #BASE_SEQ_LEN} tokens. */
    public static final double BASE_SHIFT = 0.5;
    /** Shift at {@link #MAX_SEQ_LEN} tokens. */
    public static final double MAX_SHIFT = 1.15;
    public static final int BASE_SEQ_LEN = 256;
    public static final int MAX_SEQ_LEN = 4096;

    private FlowMatchSchedule() {
    }

    /**
     * The shift {@code mu}, linear in the number of image tokens.
     *
     * @param imageSeqLen the number of NOISE tokens, {@code (H/16)*(W/16)}; context tokens are excluded
     *                    in every reference implementation
     */
    public static double mu(int imageSeqLen) {
        if (imageSeqLen <= 0) {
            throw new IllegalArgumentException("imageSeqLen must be positive, got " + imageSeqLen);
        }
        double m = (MAX_SHIFT - BASE_SHIFT) / (MAX_SEQ_LEN - BASE_SEQ_LEN);
        double b = BASE_SHIFT - m * BASE_SEQ_LEN;
        return imageSeqLen * m + b;
    }

    /**
     * The sigmas for {@code steps} Euler steps: {@code steps + 1} values from 1.0 down to a terminal 0.0,
     * {@code sigma_k = e^mu / (e^mu + (1/t_k - 1))} with {@code t_k = 1 - k/steps}.
     *
     * @param steps       number of denoising steps, at least 1
     * @param imageSeqLen the number of noise tokens (see {@link #mu(int)})
     */
    public static double[] sigmas(int steps, int imageSeqLen) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        double expMu = Math.exp(mu(imageSeqLen));
        double[] sigmas = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            double t = 1.0 - (double) k / steps;
            // time_shift(mu, 1.0, t); at t = 0 the reference evaluates 1/0 = inf and gets 0.
            sigmas[k] = t == 0.0 ? 0.0 : expMu / (expMu + (1.0 / t - 1.0));
        }
        return sigmas;
    }
}

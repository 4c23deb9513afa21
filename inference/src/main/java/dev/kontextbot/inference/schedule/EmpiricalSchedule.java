package dev.kontextbot.inference.schedule;

/**
 * FLUX.2's sigma schedule (BFL {@code flux2/sampling.py}: {@code compute_empirical_mu}, {@code get_schedule}):
 * {@code mu} from two linear fits in the number of output tokens, one for 10 and one for 200 steps, interpolated
 * linearly in the step count, or the 200-step fit alone above {@link #LARGE_SEQ_LEN} tokens; then
 * {@code sigma = e^mu / (e^mu + (1/t - 1))} for t on {@code linspace(1, 0, steps + 1)}. Double precision throughout.
 */
public final class EmpiricalSchedule {

    /** The fit of mu at 10 steps: {@code A1 * tokens + B1}. */
    public static final double A1 = 8.73809524e-05;
    public static final double B1 = 1.89833333;
    /** The fit of mu at 200 steps: {@code A2 * tokens + B2}. */
    public static final double A2 = 0.00016927;
    public static final double B2 = 0.45666666;
    /** Above this many output tokens the 200-step fit is used whatever the step count. */
    public static final int LARGE_SEQ_LEN = 4300;

    private EmpiricalSchedule() {
    }

    /** {@code compute_empirical_mu(image_seq_len, num_steps)}. */
    public static double mu(int imageSeqLen, int steps) {
        if (imageSeqLen <= 0 || steps < 1) {
            throw new IllegalArgumentException("need positive tokens and steps, got " + imageSeqLen + ", " + steps);
        }
        double m200 = A2 * imageSeqLen + B2;
        if (imageSeqLen > LARGE_SEQ_LEN) {
            return m200;
        }
        double m10 = A1 * imageSeqLen + B1;
        double a = (m200 - m10) / 190.0;
        double b = m200 - 200.0 * a;
        return a * steps + b;
    }

    /**
     * @param steps       Euler steps, at least 1
     * @param imageSeqLen the output picture's tokens {@code (H/16)(W/16)}; reference tokens do not count
     * @return steps + 1 sigmas from 1 to 0
     */
    public static double[] sigmas(int steps, int imageSeqLen) {
        double expMu = Math.exp(mu(imageSeqLen, steps));
        double[] sigmas = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            double t = 1.0 - (double) k / steps;
            sigmas[k] = t == 0.0 ? 0.0 : expMu / (expMu + (1.0 / t - 1.0));
        }
        return sigmas;
    }
}

package dev.kontextbot.inference.latent;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Initial noise N(0,1) from a seed, reproducible across runs, machines and JDK builds.
 *
 * <p>The generator is the JDK's {@code L64X128MixRandom} (an LXM generator whose algorithm is fixed by its
 * specification in {@code java.util.random}) created with {@code RandomGeneratorFactory.of("L64X128MixRandom")
 * .create(seed)}, and each value is one {@code nextGaussian()} call (the JDK's specified modified ziggurat).
 * Values fill {@code [1,16,H/8,W/8]} in row-major order. This does not reproduce PyTorch's
 * {@code torch.randn}; for parity with a reference, pass a noise file instead.
 */
public final class SeededNoise {

    /** The JDK algorithm name; part of the reproducibility contract, do not change it. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private SeededNoise() {
    }

    /** {@code count} standard normal values from {@code seed}. */
    public static float[] gaussian(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        RandomGenerator random = RandomGeneratorFactory.of(ALGORITHM).create(seed);
        float[] noise = new float[count];
        for (int i = 0; i < count; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        return noise;
    }
}

package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import java.util.function.BooleanSupplier;

/**
 * The sampling loop every family shares: for each step the transformer's velocity for the output tokens, then the
 * Euler update {@code x += (sigma[i+1] - sigma[i]) * v} in place; cancellation is checked before each step and the
 * observer (progress, previews) runs after it.
 */
final class EulerSampler {

    /** Called after each step with the 1-based step number and the current output tokens. */
    interface StepObserver {
        void afterStep(int step, float[] x) throws InferenceException;
    }

    private EulerSampler() {
    }

    static void run(float[] x, double[] sigmas, FamilyPipeline.Velocity velocity, StepObserver observer,
                    BooleanSupplier cancelled) throws InferenceException {
        int steps = sigmas.length - 1;
        float[] v = new float[x.length];
        for (int i = 0; i < steps; i++) {
            if (cancelled.getAsBoolean()) {
                throw new InferenceException(InferenceException.Code.CANCELLED,
                        "The edit was cancelled after " + i + " of " + steps + " steps.");
            }
            velocity.predict(x, sigmas[i], v);
            double dt = sigmas[i + 1] - sigmas[i];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (x[k] + dt * v[k]);
            }
            observer.afterStep(i + 1, x);
        }
    }
}

package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.latent.SeededNoise;

/** A request's initial noise in the stored latents layout [1,C,h,w]: the given one (checked) or the seed's. */
final class NoiseInput {

    private NoiseInput() {
    }

    static float[] of(EditRequest request, int channels, int h, int w, int width, int height)
            throws InferenceException {
        int count = channels * h * w;
        if (request.noise().isPresent()) {
            float[] noise = request.noise().get();
            if (noise.length != count) {
                throw RequestLimits.invalid("The noise has " + noise.length + " values; a " + width + "x" + height
                        + " output needs [1," + channels + "," + h + "," + w + "] = " + count + ".");
            }
            return noise;
        }
        return SeededNoise.gaussian(request.seed(), count);
    }
}

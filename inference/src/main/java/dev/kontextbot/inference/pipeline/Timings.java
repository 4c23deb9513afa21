package dev.kontextbot.inference.pipeline;

import java.time.Duration;

/**
 * Where one run's time went. Phases are wall time and include the tensor copies around their session runs;
 * {@code sessionRuns} is the time spent inside ONNX Runtime's {@code run} calls alone (all models), so
 * {@code total - sessionRuns} is everything the engine adds around the models.
 *
 * @param resize       bucket choice and Lanczos resize (in prepare)
 * @param tokenize     both tokenizers, noise and schedule (in prepare)
 * @param textEncode   CLIP and T5 (zero on a text-cache hit)
 * @param vaeEncode    pixels into the encoder tensor, VAE encoder, normalisation, packing, ids
 * @param denoise      the whole sampling loop
 * @param denoiseModel the transformer runs inside the loop
 * @param vaeDecode    unpacking, un-normalising and the VAE decoder
 * @param postProcess  tensor to RGB image
 * @param sessionRuns  all session runs of this job
 * @param sessionRunsThreadCpu CPU time of the calling thread inside session runs (for CPU-time accounting)
 * @param total        prepare plus run, wall time
 * @param steps        denoising steps
 * @param textCacheHit the text embeddings came from the cache
 */
public record Timings(Duration resize, Duration tokenize, Duration textEncode, Duration vaeEncode, Duration denoise,
                      Duration denoiseModel, Duration vaeDecode, Duration postProcess, Duration sessionRuns,
                      Duration sessionRunsThreadCpu, Duration total, int steps, boolean textCacheHit) {

    public Duration modelPerStep() {
        return denoiseModel.dividedBy(Math.max(1, steps));
    }

    public Duration nonModelPerStep() {
        return denoise.minus(denoiseModel).dividedBy(Math.max(1, steps));
    }

    /** Everything but session runs. */
    public Duration overhead() {
        return total.minus(sessionRuns);
    }
}

package dev.kontextbot.inference.pipeline;

import java.time.Duration;

/**
 * One timed S x S edit with an S x S context, from PNG bytes to PNG bytes.
 *
 * @param size        S
 * @param decode      PNG decode of the context
 * @param pngEncode   PNG encode of the result
 * @param engine      the engine's own phases
 * @param wall        everything, wall time
 * @param threadCpu   CPU time of the benchmarking thread over the whole timed edit
 * @param peakHeapBytes the highest Java heap use seen (sum of the heap pools' peaks since the timed run began)
 * @param followUp    the next turn, an edit of this result from its latents (as a worker runs follow-ups)
 */
public record BenchReport(int size, Duration decode, Duration pngEncode, Timings engine, Duration wall,
                          Duration threadCpu, long peakHeapBytes, FollowUp followUp) {

    /**
     * A follow-up turn: the same edit started from the first result's latents, so no PNG decode, resize or VAE
     * encoder run.
     *
     * @param wall     its whole time, PNG encode included
     * @param engine   its engine phases
     * @param vaeEncoderRuns VAE encoder session runs during it (0 when the latents were used)
     */
    public record FollowUp(Duration wall, Timings engine, long vaeEncoderRuns) {
    }

    /** What the follow-up saves against the first turn: the first turn's wall time minus the follow-up's. */
    public Duration followUpSaving() {
        return wall.minus(followUp.wall());
    }

    /** The follow-up's wall time minus its session runs (its PNG encode included). */
    public Duration followUpOverhead() {
        return followUp.wall().minus(followUp.engine().sessionRuns());
    }

    /**
     * What a job adds on the device's path: the engine's run outside session runs, without the CPU work a worker does
     * beside the device (prepare: resize, tokens, noise, schedule; and the PNG codec, which runs in the job's
     * finishing stage or the next job's prefetch).
     */
    public static Duration deviceOverhead(Timings t) {
        return t.total().minus(t.resize()).minus(t.tokenize()).minus(t.sessionRuns());
    }

    /** Time inside ONNX Runtime session runs. */
    public Duration model() {
        return engine.sessionRuns();
    }

    /** Everything but session runs. */
    public Duration overhead() {
        return wall.minus(model());
    }

    /**
     * The engine's and codecs' own CPU time: the thread's CPU time minus its share inside session runs. Unlike
     * {@link #overhead()} it does not grow when other processes compete for the cores.
     */
    public Duration overheadCpu() {
        return threadCpu.minus(engine.sessionRunsThreadCpu());
    }

    /** The last line bench prints, a contract: {@code overhead_ms=.. model_ms=.. total_ms=..}. */
    public String summaryLine() {
        return "overhead_ms=" + overhead().toMillis() + " model_ms=" + model().toMillis() + " total_ms="
                + wall.toMillis();
    }
}

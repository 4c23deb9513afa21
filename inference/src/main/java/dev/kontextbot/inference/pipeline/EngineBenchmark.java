package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.model.ModelInterface;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The measurement behind {@code kontextbot bench}: one warm-up, then one timed edit of a synthetic photo, from
 * PNG bytes (so decoding is timed) to PNG bytes (so encoding is timed), then a timed follow-up turn that edits the
 * result from its latents, as a worker does.
 */
public final class EngineBenchmark {

    static final String WARM_UP_PROMPT = "Make the picture a little brighter";
    // A different prompt for the timed run, so its text encoders really run (no text-cache hit).
    static final String PROMPT = "Change the sky to a warm sunset while keeping everything else the same";
    // The follow-up's own prompt, so its text encoders run too and only the context path differs.
    static final String FOLLOW_UP_PROMPT = "Add a small red kite in the sky";
    private static final long SEED = 42;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final KontextEngine engine;
    private final ImageDecoder decoder = new ImageDecoder();
    private final PngCodec png = new PngCodec(decoder);

    public EngineBenchmark(KontextEngine engine) {
        this.engine = engine;
    }

    public BenchReport run(int size, int steps) throws InferenceException {
        byte[] source = png.encodePng(SyntheticPhoto.create(size, size, SEED));
        once(source, size, steps, WARM_UP_PROMPT);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        return once(source, size, steps, PROMPT);
    }

    /** The first turn's result edited again from its latents, as a worker runs a follow-up. */
    private BenchReport.FollowUp followUp(EditResult first, int size, int steps, String prompt)
            throws InferenceException {
        long encoderRuns = engine.sessionRuns(ModelInterface.VAE_ENCODER);
        long t0 = System.nanoTime();
        EditRequest request = new EditRequest(prompt, Optional.empty(), Optional.of(first.latents()), SEED + 1, steps,
                EditRequest.DEFAULT_GUIDANCE, Optional.of(size), Optional.of(size), Optional.empty());
        EditResult result = engine.run(request, StepListener.NONE, () -> false);
        byte[] out = png.encodePng(result.image());
        long t1 = System.nanoTime();
        if (out.length == 0) {
            throw new InferenceException(InferenceException.Code.INTERNAL, "The PNG encoder wrote nothing.");
        }
        return new BenchReport.FollowUp(Duration.ofNanos(t1 - t0), result.timings(),
                engine.sessionRuns(ModelInterface.VAE_ENCODER) - encoderRuns);
    }

    private BenchReport once(byte[] source, int size, int steps, String prompt) throws InferenceException {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        BufferedImage context = decoder.decode(source);
        long t1 = System.nanoTime();
        EditRequest request = EditRequest.edit(prompt, context, SEED).withSteps(steps).withSize(size, size);
        EditResult result = engine.run(request, StepListener.NONE, () -> false);
        long t2 = System.nanoTime();
        byte[] out = png.encodePng(result.image());
        long t3 = System.nanoTime();
        long cpu3 = THREADS.getCurrentThreadCpuTime();
        if (out.length == 0) {
            throw new InferenceException(InferenceException.Code.INTERNAL, "The PNG encoder wrote nothing.");
        }
        long heap = peakHeap();
        return new BenchReport(size, Duration.ofNanos(t1 - t0), Duration.ofNanos(t3 - t2), result.timings(),
                Duration.ofNanos(t3 - t0), Duration.ofNanos(cpu3 - cpu0), heap, followUp(result, size, steps, FOLLOW_UP_PROMPT));
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}

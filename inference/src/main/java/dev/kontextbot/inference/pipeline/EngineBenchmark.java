package dev.kontextbot.inference.pipeline;

import dev.kontextbot.inference.InferenceException;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.PngCodec;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The measurement behind {@code kontextbot bench}: one warm-up, then one timed edit of a synthetic photo, from
 * PNG bytes (so decoding is timed) to PNG bytes (so encoding is timed).
 */
public final class EngineBenchmark {

    static final String WARM_UP_PROMPT = "Make the picture a little brighter";
    // A different prompt for the timed run, so its text encoders really run (no text-cache hit).
    static final String PROMPT = "Change the sky to a warm sunset while keeping everything else the same";
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
        return new BenchReport(size, Duration.ofNanos(t1 - t0), Duration.ofNanos(t3 - t2), result.timings(),
                Duration.ofNanos(t3 - t0), Duration.ofNanos(cpu3 - cpu0), peakHeap());
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

package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kontextbot.inference.InferenceException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * Runs one session and adds the time spent inside ONNX Runtime to a per-job counter, so the engine can report
 * model time and everything else apart. Not shared between threads (the engine runs one job at a time).
 */
final class SessionRunner {

    private final String model;
    private final OrtSession session;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long nanos;
    // CPU time of the calling thread inside runs: ONNX Runtime computes on the caller too, so this is what to
    // subtract from the thread's CPU time to get the engine's own CPU cost, whatever else the machine runs.
    private long cpuNanos;
    private int runs;

    SessionRunner(String model, OrtSession session) {
        this.model = model;
        this.session = session;
    }

    String model() {
        return model;
    }

    OrtSession session() {
        return session;
    }

    OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs) throws InferenceException {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            return session.run(inputs);
        } catch (OrtException e) {
            throw failed(e);
        } finally {
            nanos += System.nanoTime() - start;
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
            runs++;
        }
    }

    /** Runs with outputs written into caller-owned tensors (pinned), so no output is allocated. */
    OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs, Map<String, ? extends OnnxValue> pinned)
            throws InferenceException {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            return session.run(inputs, pinned);
        } catch (OrtException e) {
            throw failed(e);
        } finally {
            nanos += System.nanoTime() - start;
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
            runs++;
        }
    }

    /** Session runs so far. */
    int runs() {
        return runs;
    }

    long takeCpuNanos() {
        long n = cpuNanos;
        cpuNanos = 0;
        return n;
    }

    long takeNanos() {
        long n = nanos;
        nanos = 0;
        return n;
    }

    private InferenceException failed(OrtException e) {
        return new InferenceException(InferenceException.Code.INTERNAL,
                "The " + model + " model failed to run: " + e.getMessage(), e);
    }
}

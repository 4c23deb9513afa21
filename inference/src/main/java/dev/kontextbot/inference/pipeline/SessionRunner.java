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

    /** Opens the session again for a runner that closes it between uses (T5 in the low-memory mode). */
    interface Opener {
        OrtSession open() throws InferenceException;
    }

    private final String model;
    private OrtSession session;
    private final Opener opener;
    // Run options for every run (the arena-shrinkage entry of the low-memory mode), or null.
    private OrtSession.RunOptions runOptions;
    private final java.util.concurrent.atomic.AtomicLong opens = new java.util.concurrent.atomic.AtomicLong(1);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long nanos;
    // Runs since the session opened; read by other threads (tests, metrics), written under the engine's device lock.
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();
    // CPU time of the calling thread inside runs: ONNX Runtime computes on the caller too, so this is what to
    // subtract from the thread's CPU time to get the engine's own CPU cost, whatever else the machine runs.
    private long cpuNanos;

    SessionRunner(String model, OrtSession session) {
        this(model, session, null);
    }

    /**
     * A runner whose session is opened now (so its types can be read) and closed by {@link #release()} after each
     * use, then opened again by {@link #ensureOpen()}: its weights leave the device between uses.
     */
    static SessionRunner onDemand(String model, Opener opener) throws InferenceException {
        return new SessionRunner(model, opener.open(), opener);
    }

    private SessionRunner(String model, OrtSession session, Opener opener) {
        this.model = model;
        this.session = session;
        this.opener = opener;
    }

    /** Every later run uses {@code options} (owned by the caller). */
    void useRunOptions(OrtSession.RunOptions options) {
        this.runOptions = options;
    }

    /** Opens the session again if {@link #release()} closed it. */
    void ensureOpen() throws InferenceException {
        if (session == null) {
            session = opener.open();
            opens.incrementAndGet();
        }
    }

    /** Closes an on-demand session (a resident one stays open); the next use opens it again. */
    void release() {
        if (opener != null && session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Closing only frees memory; a failure leaves nothing to undo.
            }
            session = null;
        }
    }

    /** Whether the session is closed between uses. */
    boolean onDemand() {
        return opener != null;
    }

    /** How many times the session has been opened (1 for a resident one). */
    long opens() {
        return opens.get();
    }

    /** Closes the session if this runner owns it (an on-demand one); resident sessions are closed by the engine. */
    void closeOwned() {
        release();
    }

    String model() {
        return model;
    }

    OrtSession session() {
        if (session == null) {
            throw new IllegalStateException(model + " session is closed; call ensureOpen() first");
        }
        return session;
    }

    OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs) throws InferenceException {
        ensureOpen();
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        runs.incrementAndGet();
        try {
            return runOptions == null ? session.run(inputs) : session.run(inputs, runOptions);
        } catch (OrtException e) {
            throw failed(e);
        } finally {
            nanos += System.nanoTime() - start;
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    /** Runs with outputs written into caller-owned tensors (pinned), so no output is allocated. */
    OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs, Map<String, ? extends OnnxValue> pinned)
            throws InferenceException {
        ensureOpen();
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        runs.incrementAndGet();
        try {
            return runOptions == null ? session.run(inputs, pinned)
                    : session.run(inputs, java.util.Set.of(), pinned, runOptions);
        } catch (OrtException e) {
            throw failed(e);
        } finally {
            nanos += System.nanoTime() - start;
            cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    /** How many times this session has run since it was opened. */
    long runs() {
        return runs.get();
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
        if (OutOfMemory.matches(e.getMessage())) {
            return OutOfMemory.error(model, e);
        }
        return new InferenceException(InferenceException.Code.INTERNAL,
                "The " + model + " model failed to run: " + e.getMessage(), e);
    }
}

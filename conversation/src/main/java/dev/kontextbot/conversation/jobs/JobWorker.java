package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.OutageBackoff;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs through a {@link JobHandler}, one at a time on the device. While a job executes, the next
 * one is claimed and prepared on another thread, so the device does not wait for CPU work between jobs.
 * A heartbeat renews this worker's claim on every job it holds; a worker that stops heartbeating loses its
 * jobs to another worker after one lease. See docs/jobs.md.
 */
public final class JobWorker implements AutoCloseable {

    /** The code of a job that failed because Redis was out of reach (see {@code StoreUnavailableException}). */
    public static final String STORE_OUTAGE = JobFailure.STORE_OUTAGE;

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    /** The longest default heartbeat interval, however long the lease: a stopped worker is noticed within seconds. */
    static final Duration MAX_DEFAULT_HEARTBEAT = Duration.ofSeconds(2);
    /** The shortest silence after which a worker counts as stopped (three missed heartbeats, at least this). */
    static final Duration MIN_SILENCE = Duration.ofSeconds(1);

    /**
     * {@code pollBlock}: how long one XREADGROUP waits for work (also bounds how fast {@link #stop} is noticed);
     * {@code prefetch}: claim and prepare the next job while one executes; {@code heartbeatEvery}: null means a
     * third of the lease, at most {@link #MAX_DEFAULT_HEARTBEAT}.
     */
    public record Options(Duration pollBlock, boolean prefetch, Duration heartbeatEvery, Duration jobDeadline) {
        /** A job's longest run on the device unless configured (JOBS_DEADLINE_MINUTES). */
        public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

        public Options(Duration pollBlock, boolean prefetch, Duration heartbeatEvery) {
            this(pollBlock, prefetch, heartbeatEvery, DEFAULT_DEADLINE);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(1), true, null);
        }

        /** The same options with another per-job deadline. */
        public Options withJobDeadline(Duration deadline) {
            return new Options(pollBlock, prefetch, heartbeatEvery, deadline);
        }
    }

    private final JobQueue queue;
    private final String workerId;
    private final JobHandler handler;
    private final Options options;
    private final ProgressBus progress;
    private final List<WorkerSlot> held = new CopyOnWriteArrayList<>();
    private final WorkerHeartbeat heartbeat;
    private final OutcomeRecorder outcomes;
    private final SlotClaimer claimer;
    private final ExecutorService prefetcher = Executors.newVirtualThreadPerTaskExecutor();
    /** Runs the {@link JobOutcome.Finishing} part of jobs while the loop goes on to the next job. */
    private final ExecutorService finishers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;
    private Thread loopThread;

    /** {@code progress}: where each step's progress goes (the bus the front ends listen on). */
    public JobWorker(JobQueue queue, ProgressBus progress, String workerId, JobHandler handler, Options options) {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("A worker needs an id");
        }
        this.queue = queue;
        this.workerId = workerId;
        this.handler = handler;
        this.options = options;
        this.progress = progress;
        Duration third = queue.limits().lease().dividedBy(3);
        Duration every = options.heartbeatEvery() != null ? options.heartbeatEvery()
                : third.compareTo(MAX_DEFAULT_HEARTBEAT) < 0 ? third : MAX_DEFAULT_HEARTBEAT;
        // How long this worker may go unheard before it counts as stopped (three heartbeats).
        Duration three = every.multipliedBy(3);
        this.heartbeat = new WorkerHeartbeat(queue, workerId, held, every,
                three.compareTo(MIN_SILENCE) > 0 ? three : MIN_SILENCE);
        this.outcomes = new OutcomeRecorder(queue, workerId, options.jobDeadline());
        this.claimer = new SlotClaimer(queue, workerId, handler, options.pollBlock(), held);
    }

    public String workerId() {
        return workerId;
    }

    public synchronized void start() {
        if (loopThread != null) {
            throw new IllegalStateException("Worker " + workerId + " already started");
        }
        heartbeat.start();
        loopThread = Thread.ofPlatform().name("job-worker-" + workerId).start(this::loop);
        log.info("Job worker {} started", workerId);
    }

    /**
     * Takes no new jobs and waits up to {@code drain} for the running one. A job still running after that is
     * left to be taken over by another worker once its lease runs out (its cancellation flag trips, so a
     * well-behaved handler stops at its next step). Returns true when the worker ended within the drain time.
     */
    public boolean stop(Duration drain) {
        stopping = true;
        Thread loop;
        synchronized (this) {
            loop = loopThread;
        }
        boolean drained = true;
        long deadline = System.nanoTime() + drain.plus(options.pollBlock()).toNanos();
        if (loop != null) {
            try {
                loop.join(drain.plus(options.pollBlock()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drained = !loop.isAlive();
        }
        finishers.shutdown();
        try {
            drained &= finishers.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            log.warn("Worker {} did not finish its job within {}; leaving it to another worker", workerId, drain);
            for (WorkerSlot s : held) {
                s.lost = true;
            }
        }
        heartbeat.stop();
        prefetcher.shutdown();
        try {
            queue.retire(workerId);
        } catch (StoreUnavailableException e) {
            log.warn("Worker {} could not sign off: {}", workerId, e.getMessage());
        }
        log.info("Job worker {} stopped", workerId);
        return drained;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private void loop() {
        WorkerSlot next = null;
        OutageBackoff backoff = OutageBackoff.standard(log, "Job worker " + workerId);
        while (!stopping) {
            try {
                WorkerSlot current = next != null ? next : claimAndPrepare();
                next = null;
                backoff.succeeded();
                if (current == null) {
                    continue;
                }
                Future<WorkerSlot> prefetch = options.prefetch() ? prefetcher.submit(this::claimAndPrepare) : null;
                try {
                    run(current);
                } finally {
                    next = prefetch == null ? null : await(prefetch);
                }
            } catch (StoreUnavailableException e) {
                if (!backoff.failedAndWait(e)) {
                    break;
                }
            } catch (RuntimeException e) {
                log.error("Worker {} loop failed; continuing", workerId, e);
                pause();
            }
        }
        if (next != null) {
            claimer.release(next);
        }
    }

    private WorkerSlot claimAndPrepare() {
        return stopping ? null : claimer.claimAndPrepare();
    }

    private WorkerSlot await(Future<WorkerSlot> prefetch) {
        try {
            return prefetch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void run(WorkerSlot slot) {
        JobQueue.Held h = slot.held;
        String jobId = h.job().jobId();
        boolean handedOff = false;
        try {
            Optional<JobQueue.Started> started = queue.start(h);
            if (started.isEmpty()) {
                log.warn("Job {} was taken over by another worker before {} started it", jobId, workerId);
                return;
            }
            ClaimedJob job = new ClaimedJob(h.job().spec(), started.get().attempt(), workerId);
            if (slot.recovered != null) {
                // Its result was stored before its worker stopped: it stands, as a finished result does after cancel.
                outcomes.recordThroughOutages(slot, job, new JobOutcome.Succeeded(slot.recovered), Duration.ZERO);
                return;
            }
            if (started.get().cancelRequested()) {
                queue.finish(h, JobStatus.CANCELLED, null, new JobFailure.Cancelled(true), Duration.ZERO);
                return;
            }
            if (h.exhausted()) {
                outcomes.recordThroughOutages(slot, job, new JobOutcome.Failed(
                        new JobFailure.AttemptsExhausted(h.job().attempt()), false), Duration.ZERO);
                return;
            }
            long t0 = System.nanoTime();
            JobOutcome outcome = execute(slot, job);
            if (outcome instanceof JobOutcome.Finishing finishing) {
                // The slot stays held (and heartbeated) until the finishing part has been recorded.
                finishers.execute(() -> {
                    try {
                        conclude(slot, job, outcomes.finish(job, finishing), t0);
                    } finally {
                        held.remove(slot);
                    }
                });
                handedOff = true;
                return;
            }
            conclude(slot, job, outcome, t0);
        } finally {
            if (!handedOff) {
                held.remove(slot);
            }
        }
    }

    private void conclude(WorkerSlot slot, ClaimedJob job, JobOutcome outcome, long t0) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (slot.lost) {
            log.warn("Job {} lost its lease on {}; its result is left to the worker that took it over", job.jobId(),
                    workerId);
            return;
        }
        outcomes.recordThroughOutages(slot, job, outcome, took);
    }

    private JobOutcome execute(WorkerSlot slot, ClaimedJob job) {
        if (slot.prepareError != null) {
            return outcomes.failure(job, slot.prepareError);
        }
        long t0 = System.nanoTime();
        slot.executeStarted = t0;
        ProgressReporter reporter = (step, steps, preview) -> report(slot, job, t0, step, steps, preview);
        try {
            JobOutcome outcome = handler.execute(job, slot.prepared, reporter,
                    () -> slot.shouldStop(queue, options.jobDeadline()));
            return outcome != null ? outcome
                    : outcomes.failure(job, new IllegalStateException("The handler returned no outcome"));
        } catch (Exception e) {
            return outcomes.failure(job, e);
        }
    }

    private void report(WorkerSlot slot, ClaimedJob job, long t0, int step, int steps, Optional<byte[]> preview) {
        long elapsed = System.nanoTime() - t0;
        Duration remaining = step <= 0 ? Duration.ZERO
                : Duration.ofNanos(elapsed / step * Math.max(0, steps - step));
        try {
            progress.publish(new ProgressEvent(job.jobId(), job.spec().conversationId(),
                    job.spec().delivery().platform(), step, steps, remaining, preview));
        } catch (RuntimeException e) {
            log.debug("Progress of job {} not published: {}", job.jobId(), e.toString());
        }
        slot.shouldStop(queue, options.jobDeadline());
    }

    private void pause() {
        try {
            Thread.sleep(options.pollBlock());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

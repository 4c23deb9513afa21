package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.OutageBackoff;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.state.ConversationException;
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
    /** How often a handler's cancellation check may ask Redis. */
    private static final long CANCEL_CHECK_MS = 200;
    /** How long {@link #stop} waits for a heartbeat in flight before signing off. */
    private static final Duration HEARTBEAT_JOIN = Duration.ofSeconds(5);
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

    /** A job this worker holds, with its prepared input and its flags. */
    private static final class Slot {
        final JobQueue.Held held;
        Object prepared;
        Exception prepareError;
        volatile boolean cancel;
        volatile boolean lost;
        /** Stopped because it ran past {@link Options#jobDeadline}. */
        volatile boolean overtime;
        /** The final result an earlier run of this job stored: reported without running the job again. */
        String recovered;
        volatile long executeStarted;
        volatile long lastCancelCheck;

        Slot(JobQueue.Held held) {
            this.held = held;
        }
    }

    private final JobQueue queue;
    private final String workerId;
    private final JobHandler handler;
    private final Options options;
    private final ProgressBus progress;
    private final Duration heartbeatEvery;
    /** How long this worker may go unheard before it counts as stopped (three heartbeats). */
    private final Duration silence;
    private final List<Slot> held = new CopyOnWriteArrayList<>();
    private final ExecutorService prefetcher = Executors.newVirtualThreadPerTaskExecutor();
    /** Runs the {@link JobOutcome.Finishing} part of jobs while the loop goes on to the next job. */
    private final ExecutorService finishers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;
    private volatile boolean heartbeating = true;
    private Thread loopThread;
    private Thread heartbeatThread;

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
        this.heartbeatEvery = options.heartbeatEvery() != null ? options.heartbeatEvery()
                : third.compareTo(MAX_DEFAULT_HEARTBEAT) < 0 ? third : MAX_DEFAULT_HEARTBEAT;
        Duration three = heartbeatEvery.multipliedBy(3);
        this.silence = three.compareTo(MIN_SILENCE) > 0 ? three : MIN_SILENCE;
    }

    public String workerId() {
        return workerId;
    }

    public synchronized void start() {
        if (loopThread != null) {
            throw new IllegalStateException("Worker " + workerId + " already started");
        }
        heartbeatOnce();
        heartbeatThread = Thread.ofVirtual().name("job-heartbeat-" + workerId).start(this::heartbeatLoop);
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
            for (Slot s : held) {
                s.lost = true;
            }
        }
        heartbeating = false;
        if (heartbeatThread != null) {
            heartbeatThread.interrupt();
            // A heartbeat in flight would mark this worker alive again after it signed off below.
            try {
                heartbeatThread.join(HEARTBEAT_JOIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        Slot next = null;
        OutageBackoff backoff = OutageBackoff.standard(log, "Job worker " + workerId);
        while (!stopping) {
            try {
                Slot current = next != null ? next : claimAndPrepare();
                next = null;
                backoff.succeeded();
                if (current == null) {
                    continue;
                }
                Future<Slot> prefetch = options.prefetch() ? prefetcher.submit(this::claimAndPrepare) : null;
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
            release(next);
        }
    }

    private Slot claimAndPrepare() {
        if (stopping) {
            return null;
        }
        Optional<JobQueue.Held> claimed = queue.claim(workerId, options.pollBlock(), this::holds);
        if (claimed.isEmpty()) {
            return null;
        }
        Slot slot = new Slot(claimed.get());
        held.add(slot);
        ClaimedJob job = slot.held.job();
        if (job.attempt() > 1 || slot.held.exhausted()) {
            slot.recovered = storedResult(job);
            if (slot.recovered != null || slot.held.exhausted()) {
                return slot;
            }
        }
        try {
            slot.prepared = handler.prepare(job);
        } catch (Exception e) {
            slot.prepareError = e;
        }
        return slot;
    }

    /** The result an earlier run stored, or null; a lookup that fails means running the job again as before. */
    private String storedResult(ClaimedJob job) {
        try {
            String found = handler.storedResult(job).orElse(null);
            if (found != null) {
                log.info("Job {} had stored {} before its worker stopped; {} reports it without running it again",
                        job.jobId(), found, workerId);
            }
            return found;
        } catch (Exception e) {
            log.warn("Job {}: could not look for a stored result ({}); running it", job.jobId(), e.toString());
            return null;
        }
    }

    private boolean holds(String jobId) {
        return held.stream().anyMatch(s -> s.held.job().jobId().equals(jobId));
    }

    private Slot await(Future<Slot> prefetch) {
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

    private void release(Slot slot) {
        try {
            queue.requeue(slot.held, true);
        } catch (StoreUnavailableException e) {
            log.warn("Could not hand back job {}; another worker takes it after the lease", slot.held.job().jobId());
        }
        held.remove(slot);
    }

    private void run(Slot slot) {
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
                recordThroughOutages(slot, job, new JobOutcome.Succeeded(slot.recovered), Duration.ZERO);
                return;
            }
            if (started.get().cancelRequested()) {
                queue.finish(h, JobStatus.CANCELLED, null, new JobFailure.Cancelled(true), Duration.ZERO);
                return;
            }
            if (h.exhausted()) {
                recordThroughOutages(slot, job, new JobOutcome.Failed(
                        new JobFailure.AttemptsExhausted(h.job().attempt()), false), Duration.ZERO);
                return;
            }
            long t0 = System.nanoTime();
            JobOutcome outcome = execute(slot, job);
            if (outcome instanceof JobOutcome.Finishing finishing) {
                // The slot stays held (and heartbeated) until the finishing part has been recorded.
                finishers.execute(() -> {
                    try {
                        conclude(slot, job, finish(job, finishing), t0);
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

    private JobOutcome finish(ClaimedJob job, JobOutcome.Finishing finishing) {
        try {
            JobOutcome rest = finishing.rest().call();
            return rest == null || rest instanceof JobOutcome.Finishing
                    ? failure(job, new IllegalStateException("The handler's finishing step returned no outcome"))
                    : rest;
        } catch (Exception e) {
            return failure(job, e);
        }
    }

    private void conclude(Slot slot, ClaimedJob job, JobOutcome outcome, long t0) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (slot.lost) {
            log.warn("Job {} lost its lease on {}; its result is left to the worker that took it over", job.jobId(),
                    workerId);
            return;
        }
        recordThroughOutages(slot, job, outcome, took);
    }

    /**
     * Records an outcome, trying again while Redis is away (a failover, a restart): the slot stays held and
     * heartbeated meanwhile, so a finished edit is not run again, and a slot is never dropped unrecorded while the
     * worker runs. Gives up only when the worker lost the job or is stopped; then the lease hands it on.
     */
    private void recordThroughOutages(Slot slot, ClaimedJob job, JobOutcome outcome, Duration took) {
        OutageBackoff backoff = OutageBackoff.standard(log, "Recording job " + job.jobId());
        while (true) {
            try {
                record(slot, job, outcome, took);
                backoff.succeeded();
                return;
            } catch (StoreUnavailableException e) {
                if (slot.lost || !backoff.failedAndWait(e)) {
                    log.warn("Job {}: {} could not record its outcome; it runs again once its lease runs out",
                            job.jobId(), workerId);
                    return;
                }
            }
        }
    }

    private JobOutcome execute(Slot slot, ClaimedJob job) {
        if (slot.prepareError != null) {
            return failure(job, slot.prepareError);
        }
        long t0 = System.nanoTime();
        slot.executeStarted = t0;
        ProgressReporter reporter = (step, steps, preview) -> report(slot, job, t0, step, steps, preview);
        try {
            JobOutcome outcome = handler.execute(job, slot.prepared, reporter, () -> cancelled(slot));
            return outcome != null ? outcome
                    : failure(job, new IllegalStateException("The handler returned no outcome"));
        } catch (Exception e) {
            return failure(job, e);
        }
    }

    private JobOutcome failure(ClaimedJob job, Exception e) {
        if (e instanceof InvalidJobException invalid) {
            return new JobOutcome.Failed("invalid", invalid.getMessage(), false);
        }
        // From prepare as from execute: the conversation's own refusal (running it again finds the same), and an
        // outage that is not the job's fault.
        if (e instanceof ConversationException refused) {
            return new JobOutcome.Failed(JobFailure.refused(refused.refusal()), false);
        }
        if (e instanceof StoreUnavailableException) {
            return new JobOutcome.Failed(new JobFailure.StoreOutage(), true);
        }
        log.error("Job {} failed on {} (attempt {})", job.jobId(), workerId, job.attempt(), e);
        return new JobOutcome.Failed(new JobFailure.WorkerError(), true);
    }

    private void record(Slot slot, ClaimedJob job, JobOutcome outcome, Duration took) {
        JobQueue.Held h = slot.held;
        boolean recorded = switch (outcome) {
            case JobOutcome.Succeeded s -> queue.finish(h, JobStatus.DONE, s.versionId(), null, took);
            case JobOutcome f when slot.overtime -> queue.finish(h, JobStatus.FAILED, null,
                    new JobFailure.Deadline(options.jobDeadline()), took);
            case JobOutcome.Cancelled c -> queue.finish(h, JobStatus.CANCELLED, null,
                    new JobFailure.Cancelled(false), took);
            case JobOutcome.Failed f when slot.cancel -> queue.finish(h, JobStatus.CANCELLED, null,
                    new JobFailure.Cancelled(false), took);
            // A store outage (a Redis restart, a cluster failover) is not the job's fault: it goes back with its
            // attempt given back, so a failover of a few seconds never fails an edit. Attempts stay for poison jobs.
            case JobOutcome.Failed f when f.retryable() && STORE_OUTAGE.equals(f.code()) -> {
                log.info("Job {} met a storage outage on attempt {}; queueing it again", job.jobId(), job.attempt());
                yield queue.requeue(h, true);
            }
            case JobOutcome.Failed f when f.retryable() && job.attempt() < queue.limits().maxAttempts() -> {
                log.info("Job {} failed on attempt {} ({}); queueing it again", job.jobId(), job.attempt(), f.code());
                yield queue.requeue(h, false);
            }
            case JobOutcome.Failed f -> queue.finish(h, JobStatus.FAILED, null, f.failure(), took);
            case JobOutcome.Finishing f -> queue.finish(h, JobStatus.FAILED, null,
                    new JobFailure.WorkerError(), took);
        };
        if (!recorded) {
            log.warn("Job {} was taken over by another worker; {} did not record its outcome", job.jobId(), workerId);
        }
    }

    private void report(Slot slot, ClaimedJob job, long t0, int step, int steps, Optional<byte[]> preview) {
        long elapsed = System.nanoTime() - t0;
        Duration remaining = step <= 0 ? Duration.ZERO
                : Duration.ofNanos(elapsed / step * Math.max(0, steps - step));
        try {
            progress.publish(new ProgressEvent(job.jobId(), job.spec().conversationId(),
                    job.spec().delivery().platform(), step, steps, remaining, preview));
        } catch (RuntimeException e) {
            log.debug("Progress of job {} not published: {}", job.jobId(), e.toString());
        }
        cancelled(slot);
    }

    /**
     * True once cancelled, taken over or past the job's deadline; asks Redis at most every {@link #CANCEL_CHECK_MS}.
     */
    private boolean cancelled(Slot slot) {
        if (slot.cancel || slot.lost || slot.overtime) {
            return true;
        }
        long now = System.nanoTime();
        if (slot.executeStarted != 0 && now - slot.executeStarted > options.jobDeadline().toNanos()) {
            log.warn("Job {} ran past its deadline of {} on {}; stopping it", slot.held.job().jobId(),
                    options.jobDeadline(), workerId);
            slot.overtime = true;
            return true;
        }
        if (now - slot.lastCancelCheck > CANCEL_CHECK_MS * 1_000_000) {
            slot.lastCancelCheck = now;
            try {
                slot.cancel = queue.cancelRequested(slot.held.job().jobId());
            } catch (StoreUnavailableException e) {
                // keep going; the heartbeat decides whether we still own the job
            }
        }
        return slot.cancel;
    }

    private void heartbeatLoop() {
        while (heartbeating) {
            try {
                Thread.sleep(heartbeatEvery);
            } catch (InterruptedException e) {
                return;
            }
            if (heartbeating) {
                heartbeatOnce();
            }
        }
    }

    private void heartbeatOnce() {
        List<Slot> slots = List.copyOf(held);
        try {
            List<Long> states = queue.heartbeat(workerId, slots.stream().map(s -> s.held).toList(), silence);
            for (int i = 0; i < slots.size(); i++) {
                long state = states.get(i);
                if (state < 0) {
                    slots.get(i).lost = true;
                } else if (state == 1) {
                    slots.get(i).cancel = true;
                }
            }
        } catch (StoreUnavailableException e) {
            log.warn("Worker {} heartbeat missed: {}", workerId, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Worker {} heartbeat failed", workerId, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(options.pollBlock());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A job a {@link JobWorker} holds, with its prepared input and the flags that stop it. */
final class WorkerSlot {

    private static final Logger log = LoggerFactory.getLogger(WorkerSlot.class);
    /** How often a handler's cancellation check may ask Redis. */
    private static final long CANCEL_CHECK_MS = 200;

    final JobQueue.Held held;
    Object prepared;
    Exception prepareError;
    volatile boolean cancel;
    volatile boolean lost;
    /** Stopped because it ran past {@link JobWorker.Options#jobDeadline}. */
    volatile boolean overtime;
    /** The final result an earlier run of this job stored: reported without running the job again. */
    String recovered;
    volatile long executeStarted;
    private volatile long lastCancelCheck;

    WorkerSlot(JobQueue.Held held) {
        this.held = held;
    }

    String jobId() {
        return held.job().jobId();
    }

    /**
     * True once cancelled, taken over or past the job's {@code deadline}; asks Redis at most every
     * {@link #CANCEL_CHECK_MS}.
     */
    boolean shouldStop(JobQueue queue, Duration deadline) {
        if (cancel || lost || overtime) {
            return true;
        }
        long now = System.nanoTime();
        if (executeStarted != 0 && now - executeStarted > deadline.toNanos()) {
            log.warn("Job {} ran past its deadline of {} on {}; stopping it", jobId(), deadline, held.job().workerId());
            overtime = true;
            return true;
        }
        if (now - lastCancelCheck > CANCEL_CHECK_MS * 1_000_000) {
            lastCancelCheck = now;
            try {
                cancel = queue.cancelRequested(jobId());
            } catch (StoreUnavailableException e) {
                // keep going; the heartbeat decides whether we still own the job
            }
        }
        return cancel;
    }
}

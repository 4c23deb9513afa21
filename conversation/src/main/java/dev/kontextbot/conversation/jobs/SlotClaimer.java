package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a worker's next job and prepares it (or finds the result an earlier run stored), keeping it among the
 * jobs the worker holds; hands a claimed job back when the worker stops before running it.
 */
final class SlotClaimer {

    private static final Logger log = LoggerFactory.getLogger(SlotClaimer.class);

    private final JobQueue queue;
    private final String workerId;
    private final JobHandler handler;
    private final Duration pollBlock;
    private final List<WorkerSlot> held;

    SlotClaimer(JobQueue queue, String workerId, JobHandler handler, Duration pollBlock, List<WorkerSlot> held) {
        this.queue = queue;
        this.workerId = workerId;
        this.handler = handler;
        this.pollBlock = pollBlock;
        this.held = held;
    }

    /** The next job, claimed and prepared; null when none came within the poll time. */
    WorkerSlot claimAndPrepare() {
        Optional<JobQueue.Held> claimed = queue.claim(workerId, pollBlock, this::holds);
        if (claimed.isEmpty()) {
            return null;
        }
        WorkerSlot slot = new WorkerSlot(claimed.get());
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

    /** Gives a claimed job that will not run here back to the queue. */
    void release(WorkerSlot slot) {
        try {
            queue.requeue(slot.held, true);
        } catch (StoreUnavailableException e) {
            log.warn("Could not hand back job {}; another worker takes it after the lease", slot.jobId());
        }
        held.remove(slot);
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
        return held.stream().anyMatch(s -> s.jobId().equals(jobId));
    }
}

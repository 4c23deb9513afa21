package dev.kontextbot.conversation.jobs;

import dev.kontextbot.conversation.redis.OutageBackoff;
import dev.kontextbot.conversation.redis.StoreUnavailableException;
import dev.kontextbot.conversation.state.ConversationException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what a handler made of a job (or threw) into the job's recorded end: done, failed, cancelled or again. */
final class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final JobQueue queue;
    private final String workerId;
    private final Duration jobDeadline;

    OutcomeRecorder(JobQueue queue, String workerId, Duration jobDeadline) {
        this.queue = queue;
        this.workerId = workerId;
        this.jobDeadline = jobDeadline;
    }

    /** The outcome of a handler's exception. */
    JobOutcome failure(ClaimedJob job, Exception e) {
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

    /** Runs the handler's finishing part; what it returns, or its failure. */
    JobOutcome finish(ClaimedJob job, JobOutcome.Finishing finishing) {
        try {
            JobOutcome rest = finishing.rest().call();
            return rest == null || rest instanceof JobOutcome.Finishing
                    ? failure(job, new IllegalStateException("The handler's finishing step returned no outcome"))
                    : rest;
        } catch (Exception e) {
            return failure(job, e);
        }
    }

    /**
     * Records an outcome, trying again while Redis is away (a failover, a restart): the slot stays held and
     * heartbeated meanwhile, so a finished edit is not run again, and a slot is never dropped unrecorded while the
     * worker runs. Gives up only when the worker lost the job or is stopped; then the lease hands it on.
     */
    void recordThroughOutages(WorkerSlot slot, ClaimedJob job, JobOutcome outcome, Duration took) {
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

    private void record(WorkerSlot slot, ClaimedJob job, JobOutcome outcome, Duration took) {
        JobQueue.Held h = slot.held;
        boolean recorded = switch (outcome) {
            case JobOutcome.Succeeded s -> queue.finish(h, JobStatus.DONE, s.versionId(), null, took);
            case JobOutcome f when slot.overtime -> queue.finish(h, JobStatus.FAILED, null,
                    new JobFailure.Deadline(jobDeadline), took);
            case JobOutcome.Cancelled c -> queue.finish(h, JobStatus.CANCELLED, null,
                    new JobFailure.Cancelled(false), took);
            case JobOutcome.Failed f when slot.cancel -> queue.finish(h, JobStatus.CANCELLED, null,
                    new JobFailure.Cancelled(false), took);
            // A store outage (a Redis restart, a cluster failover) is not the job's fault: it goes back with its
            // attempt given back, so a failover of a few seconds never fails an edit. Attempts stay for poison jobs.
            case JobOutcome.Failed f when f.retryable() && JobFailure.STORE_OUTAGE.equals(f.code()) -> {
                log.info("Job {} met a storage outage on attempt {}; queueing it again", job.jobId(), job.attempt());
                yield queue.requeue(h, true);
            }
            case JobOutcome.Failed f when f.retryable() && job.attempt() < queue.limits().maxAttempts() -> {
                log.info("Job {} failed on attempt {} ({}); queueing it again", job.jobId(), job.attempt(), f.code());
                yield queue.requeue(h, false);
            }
            case JobOutcome.Failed f -> queue.finish(h, JobStatus.FAILED, null, f.failure(), took);
            case JobOutcome.Finishing f -> queue.finish(h, JobStatus.FAILED, null, new JobFailure.WorkerError(), took);
        };
        if (!recorded) {
            log.warn("Job {} was taken over by another worker; {} did not record its outcome", job.jobId(), workerId);
        }
    }
}

package dev.kontextbot.conversation.jobs;

/**
 * The work behind a job. {@link #prepare} does the CPU part (decode, resize, tokenize) and may run on another
 * thread while the previous job executes; {@link #execute} uses the device and must store its result
 * idempotently per job id, since a job whose worker died runs again elsewhere.
 */
public interface JobHandler {

    Object prepare(ClaimedJob job) throws Exception;

    JobOutcome execute(ClaimedJob job, Object prepared, ProgressReporter progress, CancellationFlag cancel)
            throws Exception;

    /**
     * The version an earlier run of this job already stored as its final result, if any: a worker killed between
     * storing it and recording the outcome. A worker taking over the job reports it at once instead of running the
     * job again (or, with its attempts used up, instead of failing it). Only asked for a job that ran before.
     */
    default java.util.Optional<String> storedResult(ClaimedJob job) throws Exception {
        return java.util.Optional.empty();
    }
}

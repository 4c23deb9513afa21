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
}

package dev.kontextbot.conversation.jobs;

/** A job a worker holds: its spec, which attempt this is (1-based once executing) and the worker's id. */
public record ClaimedJob(JobSpec spec, int attempt, String workerId) {

    public String jobId() {
        return spec.jobId();
    }
}

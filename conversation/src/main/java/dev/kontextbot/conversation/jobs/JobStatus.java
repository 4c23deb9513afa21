package dev.kontextbot.conversation.jobs;

/** The life of a job. DONE, FAILED, CANCELLED and EXPIRED are terminal. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED,
    EXPIRED;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}

package dev.kontextbot.conversation.jobs;

/** Counts for /metrics and the web page: current queued and running, finished totals, live workers. */
public record QueueMetrics(long queued, long running, long done, long failed, long cancelled, long expired,
        int liveWorkers) {
}

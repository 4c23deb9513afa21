package dev.kontextbot.conversation.jobs;

/** Checked by a handler between steps; true once the job was cancelled or its worker lost the lease. */
@FunctionalInterface
public interface CancellationFlag {
    boolean isCancelled();
}

package dev.kontextbot.conversation.jobs;

import java.util.Optional;

/** Called by a handler after each step; the worker estimates the time left and publishes an event. */
@FunctionalInterface
public interface ProgressReporter {
    void step(int step, int steps, Optional<byte[]> previewPng);
}

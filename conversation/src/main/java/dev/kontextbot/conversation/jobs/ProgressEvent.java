package dev.kontextbot.conversation.jobs;

import java.time.Duration;
import java.util.Optional;

/** One step of a running job, for the front end of {@code platform}. */
public record ProgressEvent(String jobId, String conversationId, String platform, int step, int steps,
        Duration remaining, Optional<byte[]> previewPng) {
}

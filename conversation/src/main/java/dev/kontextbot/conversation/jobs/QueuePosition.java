package dev.kontextbot.conversation.jobs;

import java.time.Duration;

/** Jobs ahead of this one, and an estimate of when its result is ready. */
public record QueuePosition(int ahead, Duration eta) {
}

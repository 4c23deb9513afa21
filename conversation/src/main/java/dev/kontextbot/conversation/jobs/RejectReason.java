package dev.kontextbot.conversation.jobs;

public enum RejectReason {
    QUEUE_FULL,
    USER_CAP,
    RATE_LIMITED
}

package dev.kontextbot.conversation.jobs;

/** The size a job asks its result to have, in pixels. */
public record OutputSize(int width, int height) {
}

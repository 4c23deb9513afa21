package dev.kontextbot.conversation.jobs;

/** A job that cannot be queued or run as given; the message is plain words for the user. */
public final class InvalidJobException extends RuntimeException {
    public InvalidJobException(String message) {
        super(message);
    }
}

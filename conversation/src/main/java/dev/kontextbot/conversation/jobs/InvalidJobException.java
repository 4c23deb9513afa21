package dev.kontextbot.conversation.jobs;

/**
 * A job that cannot be queued or run as given. Thrown by the job's records, its message is for the log: it means a
 * programming error at submit (the turn's generic error answers) or a corrupted entry (read as unreadable, answered as
 * a worker error), and is never shown. Thrown by the worker with the model's own refusal ("each side must be at least
 * 64 pixels", worded in inference), its message is what the user is told.
 */
public final class InvalidJobException extends RuntimeException {
    public InvalidJobException(String message) {
        super(message);
    }
}

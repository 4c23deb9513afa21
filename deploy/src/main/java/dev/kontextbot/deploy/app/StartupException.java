package dev.kontextbot.deploy.app;

/** A component cannot start; the message is plain words for the user, with what to do about it. */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

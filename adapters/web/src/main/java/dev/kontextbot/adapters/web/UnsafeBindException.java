package dev.kontextbot.adapters.web;

/** The playground was asked to listen beyond this machine without a token, so it refuses to start. */
public final class UnsafeBindException extends WebOptionsException {
    public UnsafeBindException(String bind) {
        super("The web playground would listen on " + bind + ", which other machines can reach, but no "
                + "PLAYGROUND_TOKEN is set. Set PLAYGROUND_TOKEN, or bind to 127.0.0.1.");
    }
}

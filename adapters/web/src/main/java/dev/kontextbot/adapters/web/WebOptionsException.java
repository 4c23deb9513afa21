package dev.kontextbot.adapters.web;

/** The playground's options are unusable; the message says what to change in plain words. */
public class WebOptionsException extends IllegalArgumentException {
    public WebOptionsException(String plainMessage) {
        super(plainMessage);
    }
}

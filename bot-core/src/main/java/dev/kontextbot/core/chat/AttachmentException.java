package dev.kontextbot.core.chat;

/** An attachment could not be downloaded; the message is plain words for the user. */
public final class AttachmentException extends Exception {
    public AttachmentException(String plainMessage, Throwable cause) {
        super(plainMessage, cause);
    }

    public AttachmentException(String plainMessage) {
        super(plainMessage);
    }
}

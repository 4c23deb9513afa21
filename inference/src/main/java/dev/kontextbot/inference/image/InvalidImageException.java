package dev.kontextbot.inference.image;

import dev.kontextbot.inference.InferenceException;

/**
 * An input image that cannot be used: empty, corrupt, too large or in an unsupported format. The message
 * is a plain sentence for the user; {@link #code()} is INVALID_IMAGE, IMAGE_TOO_LARGE or UNSUPPORTED_FORMAT.
 */
public class InvalidImageException extends InferenceException {

    public InvalidImageException(Code code, String plainMessage) {
        super(code, plainMessage);
    }

    public InvalidImageException(Code code, String plainMessage, Throwable cause) {
        super(code, plainMessage, cause);
    }
}

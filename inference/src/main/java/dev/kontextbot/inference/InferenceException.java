package dev.kontextbot.inference;

import java.util.Objects;

/**
 * The shared base of every error the inference module reports.
 *
 * <p>The message is a plain sentence a user can read (for example "The file is not an image we can read
 * (SVG is not supported); send a PNG, JPEG, WebP, GIF or BMP."), never a raw library message; the
 * {@link Code} lets callers decide what to do without parsing text. Packages subclass this class for
 * their own failures (for example {@code image.InvalidImageException}).
 */
public class InferenceException extends Exception {

    /** What went wrong, for callers that react differently to different failures. */
    public enum Code {
        INVALID_IMAGE, IMAGE_TOO_LARGE, UNSUPPORTED_FORMAT, INVALID_REQUEST, PROMPT_TOO_LONG,
        MODEL_PACKAGE, EXECUTION_PROVIDER, CANCELLED, OUT_OF_MEMORY, INTERNAL
    }

    private final Code code;

    public InferenceException(Code code, String plainMessage) {
        super(plainMessage);
        this.code = Objects.requireNonNull(code, "code");
    }

    public InferenceException(Code code, String plainMessage, Throwable cause) {
        super(plainMessage, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The kind of failure. */
    public Code code() {
        return code;
    }
}

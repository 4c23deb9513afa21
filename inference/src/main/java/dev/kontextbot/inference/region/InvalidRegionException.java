package dev.kontextbot.inference.region;

import dev.kontextbot.inference.InferenceException;

/** A region or mask that cannot be used (outside the picture, empty, the wrong size); the message says why. */
public final class InvalidRegionException extends InferenceException {

    public InvalidRegionException(String plainMessage) {
        super(Code.INVALID_REQUEST, plainMessage);
    }
}

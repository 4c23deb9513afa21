package dev.kontextbot.core.turn;

/** A turn cannot go on; {@code code} is stable, the message plain words for the user. */
public final class TurnException extends RuntimeException {

    private final String code;

    public TurnException(String code, String plainMessage) {
        super(plainMessage);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

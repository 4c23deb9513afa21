package dev.kontextbot.prompts;

/** A compound request has more parts than one message may queue. */
public final class TooManyEditsException extends InvalidInstructionException {

    private final int maxParts;

    public TooManyEditsException(int maxParts) {
        super("That is more than " + maxParts + " changes in one message; I run at most " + maxParts
                + " at a time. Send the first few, then the rest in a second message.");
        this.maxParts = maxParts;
    }

    public int maxParts() {
        return maxParts;
    }
}

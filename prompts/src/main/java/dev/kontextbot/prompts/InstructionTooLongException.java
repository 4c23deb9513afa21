package dev.kontextbot.prompts;

/** A combined instruction would not fit what the text encoder reads, so it is refused rather than cut. */
public final class InstructionTooLongException extends InvalidInstructionException {

    private final int estimatedTokens;

    public InstructionTooLongException(String plainMessage, int estimatedTokens) {
        super(plainMessage);
        this.estimatedTokens = estimatedTokens;
    }

    public int estimatedTokens() {
        return estimatedTokens;
    }
}

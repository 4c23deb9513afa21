package dev.kontextbot.prompts;

/** The typed text cannot become an edit instruction (for example, it is blank). */
public class InvalidInstructionException extends IllegalArgumentException {
    public InvalidInstructionException(String message) {
        super(message);
    }
}

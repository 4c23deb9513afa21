package dev.kontextbot.core.reply;

/**
 * The caption under a result: the instruction as sent to the model (so users learn to write them), the seed and the
 * version, and for the stand-in model a plain warning that the picture is not a real edit.
 */
public final class Captions {

    public static final String STAND_IN_NOTICE =
            "stand-in model: not a real edit; install a real model, see docs/models.md";

    private Captions() {
    }

    public static String forVersion(int number, String instructionSent, long seed, boolean standIn) {
        StringBuilder caption = new StringBuilder();
        caption.append('v').append(number);
        if (instructionSent != null && !instructionSent.isBlank()) {
            caption.append(" · ").append(instructionSent);
        }
        if (seed >= 0) {
            caption.append(" · seed ").append(seed);
        }
        if (standIn) {
            caption.append("\n(").append(STAND_IN_NOTICE).append(')');
        }
        return caption.toString();
    }
}

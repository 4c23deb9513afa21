package dev.kontextbot.prompts;

/** The user-facing help: what to say, the instruction rules in five lines, and the model's license. */
public final class HelpText {

    private static final String TEXT = """
            Send a picture and say what to change: "make her smile", "now add sunglasses", \
            "change the sign to 'OPEN'". No picture yet? Describe one and I'll create it.

            Commands (with or without a slash, plain words work too):
            undo ("go back") · redo · history · "v3" / "back to 2" / "the original" · try again (new seed)
            "use this as the character" · "make it in the style of this" (with a picture) · /ref · /style
            "seed 42" · "steps 30" · "guidance 3" · "make it red with 30 steps" · cancel · start over (/new) · \
            forget me (/forget) · help
            "only the top-left quarter: add a bird" (/region) · "vary 3" (new seeds) · re-anchor (colours back)
            "replay from the start" (all the edits again from the original, as one edit; then pick)

            Writing instructions that work:
            1. Say only the change, concretely: "change the car color to red".
            2. Text goes in quotes, exactly as it should appear: Replace 'joy' with 'BFL'.
            3. Say what to keep: "...while keeping her face and pose unchanged".
            4. "Transform" only for a whole style ("transform to Bauhaus art style"); otherwise "change".
            5. One change per edit: "add sunglasses and make the background a beach" runs as two edits.
            Each result's caption shows the instruction as sent.

            FLUX.1 Kontext [dev] is under the FLUX.1 [dev] Non-Commercial License.
            """;

    public String text() {
        return TEXT;
    }
}

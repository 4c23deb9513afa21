package dev.kontextbot.prompts;

import java.util.List;

/**
 * What the Kontext prompt rules made of one typed request.
 *
 * @param parts     the request split into its parts as the user wrote them (politeness dropped), one per edit
 * @param edits     the instructions to run, in order; each becomes its own version
 * @param notes     plain-language remarks on what was changed and why, for the reply caption
 * @param shortened true when an edit was cut to fit the T5 text encoder
 */
public record PreparedInstruction(List<String> parts, List<String> edits, List<String> notes, boolean shortened) {
    public PreparedInstruction {
        parts = List.copyOf(parts);
        edits = List.copyOf(edits);
        notes = List.copyOf(notes);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a prepared instruction needs at least one edit");
        }
        if (parts.size() != edits.size()) {
            throw new IllegalArgumentException("one typed part per edit");
        }
    }
}

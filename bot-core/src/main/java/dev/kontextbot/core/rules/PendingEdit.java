package dev.kontextbot.core.rules;

import dev.kontextbot.core.rules.ParsedCommand.Settings;

/** The edit the bot asked about ("Edit the picture: 'a red car'?"), waiting for a yes. */
public record PendingEdit(String instruction, Settings overrides) {

    /** How the question starts: the tool's result says it asked (rather than created at once). */
    public static final String QUESTION_PREFIX = "Edit the picture: ";

    public static String question(String instruction) {
        return QUESTION_PREFIX + "'" + instruction + "'?";
    }
}

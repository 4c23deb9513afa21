package dev.kontextbot.prompts;

import java.util.regex.Pattern;

/**
 * Whether an instruction names one object or place ("add a hat", "remove the lamp on the left", "change the sign
 * to 'OPEN'") or changes the whole picture (a style, the light, the time of day, the background, the scene). Only
 * local edits keep the pixels they did not touch by default: restoring the parent there would undo a style or a
 * relighting.
 */
public final class EditScope {

    /** What an instruction changes. */
    public enum Scope {
        LOCAL,
        WHOLE
    }

    private static final Pattern LOCAL_VERB = Pattern.compile(
            "(?i)^(?:add|put|place|insert|remove|delete|erase|take (?:off|out|away)|get rid of|change|replace|swap"
                    + "|give|fix|paint|color|colour|write|draw)\\b.*");
    private static final Pattern WHOLE_WORDS = Pattern.compile(
            "(?i)\\b(?:whole|entire|everything|everyone|scene|background|backdrop|lighting|light|sky|weather|season"
                    + "|winter|summer|autumn|spring|night|daytime|sunset|sunrise|time of day|mood|atmosphere"
                    + "|colou?r grad\\w*|tone|palette|filter|black and white|sepia|zoom|angle|view|perspective|crop"
                    + "|rotate|camera|all (?:the|of)|image|photo|picture|style)\\b");
    private final StyleEdit styleEdit = new StyleEdit();

    public Scope of(String instruction) {
        String text = instruction == null ? "" : instruction.strip();
        if (styleEdit.isWholeImageStyle(text) || WHOLE_WORDS.matcher(text).find()) {
            return Scope.WHOLE;
        }
        return LOCAL_VERB.matcher(text).matches() ? Scope.LOCAL : Scope.WHOLE;
    }
}

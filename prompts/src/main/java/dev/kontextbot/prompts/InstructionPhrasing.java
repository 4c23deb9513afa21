package dev.kontextbot.prompts;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Small word-level helpers shared by the rules: politeness, leading verbs, capitalisation. */
final class InstructionPhrasing {

    private static final Pattern LEADING_FILLER = Pattern.compile(
            "^(?i)(?:(?:please|pls|kindly|now|just|also|then|and|ok|okay|so|next|can you|could you|would you|"
                    + "will you|i want you to|i'd like you to|i would like you to)\\b[\\s,]*)+");
    private static final Pattern TRAILING_FILLER = Pattern.compile(
            "(?i)(?:[\\s,]+(?:please|pls|thanks|thank you|for me))+[\\s.!?]*$");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s.!?,;:]+$");

    /**
     * Verbs that open an edit of their own. Preservation verbs (keep, preserve, maintain, leave) are left out
     * on purpose: "... and keep the background" belongs to the edit before it.
     */
    private static final Set<String> EDIT_VERBS = Set.of(
            "add", "make", "change", "replace", "remove", "turn", "put", "give", "set", "transform", "convert",
            "swap", "place", "move", "delete", "erase", "insert", "paint", "color", "colour", "recolor",
            "recolour", "write", "rotate", "zoom", "brighten", "darken", "blur", "sharpen", "restyle", "render",
            "draw", "fill", "extend", "widen", "flip", "apply", "show", "let", "have", "raise", "lower",
            "shorten", "lengthen", "increase", "decrease", "reduce", "enlarge", "shrink", "dress", "get", "use",
            "crop", "colorize", "colourise", "fix", "clean", "age", "restore", "enhance", "bring", "focus", "hide",
            "cover", "cut", "trim", "straighten", "tilt", "shift", "expand", "create", "generate", "imagine");

    private InstructionPhrasing() {}

    /** Drops "please", "can you", "now" and the like from the start, and "please"/"thanks" plus punctuation from the end. */
    static String withoutFiller(String text) {
        String t = LEADING_FILLER.matcher(text.strip()).replaceFirst("");
        t = TRAILING_FILLER.matcher(t).replaceFirst("");
        return TRAILING_PUNCTUATION.matcher(t).replaceFirst("").strip();
    }

    /**
     * True when the text opens with an edit verb that has something after it ("make the sky red"), so a lone
     * noun that happens to be a verb ("a hat and dress") does not count, nor "set of chairs".
     */
    static boolean opensWithEditVerb(String text) {
        String[] words = withoutFiller(text).split("\\s+", 3);
        if (words.length < 2) {
            return false;
        }
        return EDIT_VERBS.contains(words[0].toLowerCase(Locale.ROOT)) && !words[1].equalsIgnoreCase("of");
    }

    static String capitalised(String text) {
        if (text.isEmpty() || !Character.isLowerCase(text.charAt(0))) {
            return text;
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

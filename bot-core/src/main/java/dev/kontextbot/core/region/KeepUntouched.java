package dev.kontextbot.core.region;

import dev.kontextbot.prompts.EditScope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an edit restores the pixels it did not touch from its parent (KONTEXT_KEEP_UNTOUCHED): {@code AUTO} for
 * instructions that name one object or place and not for styles or whole-scene changes, {@code ON} always,
 * {@code OFF} never. A message overrides it with words: "keep the rest" and "only the sign" turn it on, "change the
 * whole picture" off.
 */
public enum KeepUntouched {
    AUTO,
    ON,
    OFF;

    private static final Pattern KEEP = Pattern.compile(
            "(?i)[,;:]?\\s*\\b(?:and |but )?(?:keep (?:the rest|everything else|all else|the rest of the (?:picture|image|photo))"
                    + "(?: (?:as it is|unchanged|the same|exactly))?|leave the rest(?: alone| unchanged| as it is)?)\\b[.!]?");
    private static final Pattern WHOLE = Pattern.compile(
            "(?i)[,;:]?\\s*\\b(?:and |but )?(?:(?:change|edit|redo|regenerate) the whole (?:picture|image|photo)"
                    + "|anything (?:else )?may change)\\b[.!]?");
    /** One object named by its word: "the sign", "her hair" (the classifier reads "only the sign: ..." with it). */
    public static final String NAMED_OBJECT = "(?:the|her|his|their|my|this|that) [a-z][a-z'-]*";

    /**
     * "only the sign: ...", "change only the sign to ...", "..., just the hat": an object named instead of an area.
     * No detector finds the object, so the edit runs on the whole picture with untouched pixels kept: the difference
     * map finds what changed, and the words stay in the instruction so the model knows which object is meant.
     * (An area in words, "only the top half", is a region edit and is read by {@link RegionWords} first.)
     */
    private static final Pattern ONLY_OBJECT = Pattern.compile(
            "(?i)\\b(?:only|just) (?:change |edit )?" + NAMED_OBJECT + "\\b");
    private static final EditScope SCOPE = new EditScope();

    /** An instruction without the keep/whole words, and what they asked for (empty when they said nothing). */
    public record Said(String instruction, Optional<Boolean> keep) {
    }

    public static Said words(String typed) {
        Matcher keep = KEEP.matcher(typed);
        if (keep.find()) {
            return new Said(rest(typed, keep), Optional.of(true));
        }
        Matcher whole = WHOLE.matcher(typed);
        if (whole.find()) {
            return new Said(rest(typed, whole), Optional.of(false));
        }
        if (ONLY_OBJECT.matcher(typed).find()) {
            return new Said(typed, Optional.of(true));
        }
        return new Said(typed, Optional.empty());
    }

    private static String rest(String typed, Matcher m) {
        String rest = (typed.substring(0, m.start()) + " " + typed.substring(m.end())).strip()
                .replaceAll("\\s+", " ").replaceAll("[\\s,;:]+$", "");
        return rest.isEmpty() ? typed : rest;
    }

    /** The decision for the edits of one job (every step must be local under AUTO). */
    public boolean keeps(List<String> edits, Optional<Boolean> said) {
        if (said.isPresent()) {
            return said.get();
        }
        return switch (this) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> !edits.isEmpty() && edits.stream().allMatch(e -> SCOPE.of(e) == EditScope.Scope.LOCAL);
        };
    }

    public static KeepUntouched parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}

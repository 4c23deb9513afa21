package dev.kontextbot.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a compound request into sequential edits, as Kontext's guide advises for complex changes.
 *
 * <p>Two kinds of joint: a sequencing word ("then", "and then", "after that", "afterwards", "next", a semicolon or
 * a sentence break) splits when the words after it open an instruction of their own; "and", "plus", "also" or a
 * comma split only when both sides open with their own edit verb and the second verb is one that stands alone, so
 * "zoom out a bit and show more of the street", "make her smile and keep the background", "black and white" or
 * "between the book and the lamp" stay whole. "first ... then" loses its "first". Quoted text is never split.
 *
 * <p>Linear in the length of the text: the text is scanned once, and each joint looks at a bounded window of
 * words on either side.
 */
final class CompoundSplitter {

    /** How far past a joint the verb test looks: the filler and the verb fit well within it. */
    private static final int WINDOW = 80;

    private static final Pattern JOINT = Pattern.compile(
            "(?i)\\s*[,;]?\\s*\\b(?<seq>(?:and\\s+)?(?:then|after\\s+that|afterwards|after\\s+this|next|finally|"
                    + "once\\s+that'?s\\s+done))\\b,?\\s+"
                    + "|(?<semi>\\s*;\\s*)"
                    + "|(?<stop>[.!]\\s+)"
                    + "|\\s*,\\s*(?:and\\s+also|and|also|plus)?\\s+"
                    + "|\\s+(?:and\\s+also|and|plus)\\s+");
    private static final Pattern FIRST = Pattern.compile("(?i)^(?:first(?:ly)?|first of all|to start|start by)\\b,?\\s*");

    /**
     * Verbs that are an instruction of their own after a plain "and". Elaborating verbs (show, keep, let, focus,
     * reveal, leave) are left out: after "and" they say more about the same change.
     */
    private static final Set<String> STANDALONE_VERBS = Set.of(
            "add", "make", "change", "replace", "remove", "turn", "put", "give", "set", "transform", "convert",
            "swap", "place", "move", "delete", "erase", "insert", "paint", "color", "colour", "recolor",
            "recolour", "write", "rotate", "brighten", "darken", "blur", "sharpen", "restyle", "draw", "flip",
            "dress", "crop");

    private final int maxParts;

    CompoundSplitter(int maxParts) {
        this.maxParts = maxParts;
    }

    List<String> split(String text) {
        return scan(text).parts();
    }

    /** The characters the joint tests read for this text, beside the one scan: linear when the window is bounded. */
    long charactersExamined(String text) {
        return scan(text).examined();
    }

    private record Scan(List<String> parts, long examined) {}

    private Scan scan(String text) {
        long examined = text.length();
        String masked = QuotedText.masked(text);
        List<String> parts = new ArrayList<>();
        int segmentStart = 0;
        Matcher m = JOINT.matcher(masked);
        while (m.find()) {
            if (m.start() <= segmentStart) {
                continue;
            }
            boolean sequencing = m.group("seq") != null || m.group("semi") != null || m.group("stop") != null;
            String left = window(text, segmentStart, m.start());
            String right = window(text, m.end(), text.length());
            examined += left.length() + right.length();
            boolean splits = sequencing
                    ? !InstructionPhrasing.withoutFiller(left).isEmpty() && InstructionPhrasing.opensWithEditVerb(right)
                    : InstructionPhrasing.opensWithEditVerb(withoutFirst(left)) && opensWithStandaloneVerb(right);
            if (splits) {
                parts.add(text.substring(segmentStart, m.start()));
                segmentStart = m.end();
                if (parts.size() > maxParts) {
                    throw new TooManyEditsException(maxParts);
                }
            }
        }
        parts.add(text.substring(segmentStart));
        List<String> cleaned = parts.stream().map(p -> InstructionPhrasing.withoutFiller(withoutFirst(InstructionPhrasing.withoutFiller(p))))
                .filter(p -> !p.isEmpty()).toList();
        if (cleaned.size() > maxParts) {
            throw new TooManyEditsException(maxParts);
        }
        return new Scan(cleaned, examined);
    }

    private static String window(String text, int from, int to) {
        return text.substring(from, Math.min(to, from + WINDOW));
    }

    private static String withoutFirst(String text) {
        Matcher first = FIRST.matcher(text);
        return first.find() && InstructionPhrasing.opensWithEditVerb(text.substring(first.end())) ? text.substring(first.end()) : text;
    }

    private static boolean opensWithStandaloneVerb(String text) {
        if (!InstructionPhrasing.opensWithEditVerb(text)) {
            return false;
        }
        String verb = InstructionPhrasing.withoutFiller(text).split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return STANDALONE_VERBS.contains(verb);
    }
}

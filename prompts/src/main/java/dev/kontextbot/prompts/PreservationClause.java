package dev.kontextbot.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what to keep when an edit changes a person or the background and does not say so itself: Kontext lets
 * unmentioned aspects drift. Conservative on purpose: it names only aspects the instruction does not touch,
 * and never describes the picture beyond what the user wrote ("her" may become "the woman", nothing more).
 */
final class PreservationClause {

    private static final Pattern ALREADY_KEEPS = Pattern.compile(
            "(?i)\\b(?:keep|keeping|kept|preserve|preserving|maintain|maintaining|unchanged|intact|same|"
                    + "as it is|as is|don't change|do not change|without changing|leave|leaving)\\b");
    private static final Pattern REMOVAL = Pattern.compile("(?i)^(?:remove|delete|erase|get rid of)\\b");
    private static final Pattern FEMININE = Pattern.compile("(?i)\\b(?:her|she|the (?:woman|girl|lady))\\b");
    private static final Pattern MASCULINE = Pattern.compile("(?i)\\b(?:him|his|he|the (?:man|boy|guy))\\b");
    private static final Pattern NEUTRAL = Pattern.compile(
            "(?i)\\b(?:the (?:person|child|kid|baby|subject|model)|them|their|they)\\b");
    private static final Pattern FACE = Pattern.compile(
            "(?i)\\b(?:face|facial|eyes?|nose|mouth|lips|makeup|beard|mustache|moustache|older|younger|age|aged|skin)\\b");
    private static final Pattern HAIR = Pattern.compile("(?i)\\b(?:hair\\w*|bald|ponytail|braids?|bangs|curls|curly)\\b");
    private static final Pattern POSE = Pattern.compile(
            "(?i)\\b(?:pose|posing|sit|sitting|stand|standing|wave|waving|jump\\w*|danc\\w*|run\\w*|walk\\w*|lie|lying|"
                    + "kneel\\w*|arms?|hands?|legs?|turn around|looking|look at|raise|raising|hold\\w*|hug\\w*|move)\\b");
    private static final Pattern BACKGROUND = Pattern.compile("(?i)\\b(?:background|backdrop|setting|scenery)\\b");

    // "make her smile" -> "make the woman smile": only after "make/let/have" and before an action or mood word,
    // where "her" is surely the person and not a possessive ("make her hair blonde").
    private static final Pattern OBJECT_PRONOUN = Pattern.compile(
            "(?i)^(make|let|have)\\s+(her|him)\\s+(smile|laugh|grin|wink|frown|cry|look|sit|stand|jump|dance|"
                    + "wave|sleep|blink|pose|shout|sing|happy|sad|angry|surprised|older|younger|serious|"
                    + "happier|sadder|scared|excited|calm)\\b");

    /** The edit with a clause added, or empty when nothing should be added. */
    Optional<String> apply(String edit) {
        if (ALREADY_KEEPS.matcher(edit).find() || REMOVAL.matcher(edit).find()) {
            return Optional.empty();
        }
        Optional<String> possessive = possessive(edit);
        if (possessive.isPresent()) {
            List<String> aspects = new ArrayList<>();
            if (!FACE.matcher(edit).find()) {
                aspects.add("facial features");
            }
            if (!HAIR.matcher(edit).find()) {
                aspects.add("hairstyle");
            }
            if (!POSE.matcher(edit).find()) {
                aspects.add("pose");
            }
            if (aspects.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(namedPerson(edit) + " while keeping " + possessive.get() + " " + listed(aspects)
                    + " unchanged");
        }
        if (BACKGROUND.matcher(edit).find()) {
            return Optional.of(edit + " while keeping the subject in the exact same position, scale and pose");
        }
        return Optional.empty();
    }

    private static Optional<String> possessive(String edit) {
        boolean feminine = FEMININE.matcher(edit).find();
        boolean masculine = MASCULINE.matcher(edit).find();
        if (feminine && !masculine) {
            return Optional.of("her");
        }
        if (masculine && !feminine) {
            return Optional.of("his");
        }
        if (feminine || NEUTRAL.matcher(edit).find()) {
            return Optional.of("their");
        }
        return Optional.empty();
    }

    private static String namedPerson(String edit) {
        Matcher m = OBJECT_PRONOUN.matcher(edit);
        if (!m.find()) {
            return edit;
        }
        String person = m.group(2).equalsIgnoreCase("her") ? "the woman" : "the man";
        return m.group(1) + " " + person + " " + m.group(3) + edit.substring(m.end());
    }

    private static String listed(List<String> aspects) {
        if (aspects.size() == 1) {
            return aspects.getFirst();
        }
        return String.join(", ", aspects.subList(0, aspects.size() - 1)) + " and " + aspects.getLast();
    }
}

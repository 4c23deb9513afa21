package dev.kontextbot.core.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/** A message's words for matching: lower case, single spaces, and without politeness ("please undo that, thanks"). */
final class MessageNormalizer {

    private final Pattern leadingFiller;
    private final Pattern trailingFiller;

    MessageNormalizer(IntentRules language) {
        this.leadingFiller = Pattern.compile("^(?:(?:" + language.required("filler.leading").pattern()
                + ")\\b[\\s,]*)+");
        this.trailingFiller = Pattern.compile("(?:[\\s,]+(?:" + language.required("filler.trailing").pattern() + "))+$");
    }

    /** Lower case, no slash, single spaces, no punctuation at the end (a lone "?" stays). */
    static String plain(String text) {
        String n = text.toLowerCase(Locale.ROOT).strip();
        n = n.replaceAll("^/", "").replaceAll("[\\s.!,;:]+$", "").replaceAll("[’`]", "'").replaceAll("\\s+", " ");
        return n.replaceAll("(?<=[^?\\s])\\s*\\?+$", "");
    }

    /** {@link #plain} without politeness: "please undo that, thanks" -> "undo that". */
    String normalised(String text) {
        String n = plain(text);
        String previous;
        do {
            previous = n;
            n = leadingFiller.matcher(n).replaceFirst("");
            n = trailingFiller.matcher(n).replaceFirst("");
            n = n.replaceAll("^[\\s,]+|[\\s,.!?]+$", "");
        } while (!n.equals(previous) && !n.isEmpty());
        // A message that is nothing but a greeting or "please" keeps its words, so "hi" is still a greeting.
        return n.isEmpty() ? previous : n;
    }
}

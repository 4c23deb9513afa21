package dev.kontextbot.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a compound request into sequential edits, as Kontext's guide advises for complex changes.
 *
 * <p>A conjunction, comma, semicolon or sentence break splits only when both sides open with their own edit
 * verb, so "black and white", "salt and pepper" or "a hat and a scarf" stay whole; quoted text is never split.
 */
final class CompoundSplitter {

    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)\\s*[,;]\\s*(?:and\\s+then|and|then|also|plus)?\\s+"
                    + "|\\s+(?:and\\s+then|and\\s+also|and|then|plus)\\s+"
                    + "|[.!]\\s+");

    List<String> split(String text) {
        String masked = QuotedText.masked(text);
        List<String> parts = new ArrayList<>();
        int segmentStart = 0;
        Matcher m = SEPARATOR.matcher(masked);
        while (m.find()) {
            String left = text.substring(segmentStart, m.start());
            String right = text.substring(m.end());
            if (Wording.opensWithEditVerb(left) && Wording.opensWithEditVerb(right)) {
                parts.add(left);
                segmentStart = m.end();
            }
        }
        parts.add(text.substring(segmentStart));
        return parts.stream().map(Wording::withoutFiller).filter(p -> !p.isEmpty()).toList();
    }
}

package dev.kontextbot.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds quoted spans ("..", '..', “..”, ‘..’) so that rules never look inside them: quoted text is what
 * the user wants written in the picture, verbatim and in its case.
 */
final class QuotedText {

    /** A quoted span: [start, end) in the text, including the quote marks; content without them. */
    record Span(int start, int end, String content) {}

    // A single quote opens only after a non-letter and closes only before one, so "her's" or "don't" are no quotes.
    private static final Pattern QUOTED = Pattern.compile(
            "\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|(?<![\\p{L}\\p{N}])'([^']+)'(?![\\p{L}\\p{N}])");

    private QuotedText() {}

    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            String content = null;
            for (int g = 1; g <= m.groupCount() && content == null; g++) {
                content = m.group(g);
            }
            spans.add(new Span(m.start(), m.end(), content));
        }
        return spans;
    }

    /** The text with every quoted span's characters replaced by '_' (same length, so indexes still match). */
    static String masked(String text) {
        StringBuilder out = new StringBuilder(text);
        for (Span span : spans(text)) {
            for (int i = span.start(); i < span.end(); i++) {
                out.setCharAt(i, '_');
            }
        }
        return out.toString();
    }

    /** Renders content in the single quotes Kontext's guide uses; double quotes when the content has an apostrophe. */
    static String quote(String content) {
        return content.indexOf('\'') >= 0 ? "\"" + content + "\"" : "'" + content + "'";
    }

    /** Rewrites every quoted span in the house quote style, content untouched. */
    static String normalised(String text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Span span : spans(text)) {
            out.append(text, at, span.start()).append(quote(span.content()));
            at = span.end();
        }
        return out.append(text.substring(at)).toString();
    }
}

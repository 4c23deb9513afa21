package dev.kontextbot.prompts;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes text edits the way Kontext follows them best: {@code Replace 'old' with 'new'}, or, when the old text
 * is unknown, {@code Change the text on the sign to 'new'}. Quoted content is kept verbatim, case included.
 */
final class TextEditRewriter {

    // Rules match a template in which each quoted span is replaced by ⟪n⟫, so quoted words never match a rule.
    private static final String Q = "⟪(\\d+)⟫";
    private static final Pattern REPLACE_BOTH = Pattern.compile(
            "(?i)^(?:replace|change|swap|switch|turn|rename|edit|update|make)\\s+"
                    + "(?:the\\s+(?:text|word|words|writing|wording)\\s+)?(?:from\\s+)?" + Q
                    + "\\s+(?:with|to|into|for|by|->|→)\\s+(?:the\\s+(?:text|word|words)\\s+)?" + Q + "(.*)$");
    private static final Pattern CHANGE_FROM_TO = Pattern.compile(
            "(?i)^(?:change|replace|switch|edit|update)\\s+(?:the\\s+)?([\\p{L}\\s-]*?)\\s*from\\s+" + Q
                    + "\\s+(?:to|into|with)\\s+" + Q + "(.*)$");
    private static final Pattern ARROW = Pattern.compile("^" + Q + "\\s*(?:->|→|=>)\\s*" + Q + "(.*)$");
    private static final Pattern NEW_TEXT_ON = Pattern.compile(
            "(?i)^(?:change|set|make|update|edit|replace|have)\\s+"
                    + "(?:the\\s+(?:text|writing|words?|lettering)\\s+on\\s+)?((?:the|her|his|their|my|its|this|that)\\s+[\\p{L}\\s-]+?)(?:'s\\s+text)?\\s+"
                    + "(to\\s+say|to\\s+read|say|says|read|reads|to|into|with)\\s+" + Q + "(.*)$");
    private static final Pattern SAY_UNQUOTED = Pattern.compile(
            "(?i)^(?:make|have|change|set)\\s+((?:the|her|his|their|my|its|this|that)\\s+[\\p{L}\\s-]+?)\\s+(?:to\\s+)?(?:say|read)\\s+([^⟪⟫]+)$");

    /** Things that carry text: a quoted value after "to" means new text only on these. */
    private static final Set<String> TEXT_BEARERS = Set.of(
            "sign", "signs", "banner", "poster", "label", "title", "caption", "headline", "board", "billboard",
            "shirt", "t-shirt", "tshirt", "mug", "cover", "screen", "logo", "plate", "menu", "card", "note",
            "paper", "letter", "sticker", "text", "writing", "words", "word", "lettering", "placard", "neon",
            "marquee", "storefront", "book", "page", "slogan", "name", "subtitle");
    private static final int MAX_UNQUOTED_WORDS = 6;

    /** The rewritten edit, or empty when the text is not a text edit. */
    Optional<String> rewrite(String edit) {
        List<QuotedText.Span> spans = QuotedText.spans(edit);
        String template = template(edit, spans);

        Matcher m = REPLACE_BOTH.matcher(template);
        if (m.matches()) {
            return Optional.of(replace(spans, m.group(1), m.group(2), m.group(3)));
        }
        m = CHANGE_FROM_TO.matcher(template);
        if (m.matches()) {
            return Optional.of(replace(spans, m.group(2), m.group(3), m.group(4)));
        }
        m = ARROW.matcher(template);
        if (m.matches()) {
            return Optional.of(replace(spans, m.group(1), m.group(2), m.group(3)));
        }
        m = NEW_TEXT_ON.matcher(template);
        if (m.matches()) {
            String target = m.group(1).strip();
            String connector = InstructionPhrasing.lower(m.group(2));
            boolean saysSomething = connector.contains("say") || connector.contains("read");
            if (saysSomething || isTextBearer(target)) {
                String value = spans.get(Integer.parseInt(m.group(3))).content();
                return Optional.of(changeTextOn(target, QuotedText.quote(value)) + restored(m.group(4), spans));
            }
        }
        m = SAY_UNQUOTED.matcher(template);
        if (m.matches() && spans.isEmpty()) {
            String value = m.group(2).strip();
            if (value.split("\\s+").length <= MAX_UNQUOTED_WORDS) {
                return Optional.of(changeTextOn(m.group(1).strip(), QuotedText.quote(value)));
            }
        }
        return Optional.empty();
    }

    private static String replace(List<QuotedText.Span> spans, String from, String to, String rest) {
        return "Replace " + QuotedText.quote(spans.get(Integer.parseInt(from)).content())
                + " with " + QuotedText.quote(spans.get(Integer.parseInt(to)).content()) + restored(rest, spans);
    }

    private static String changeTextOn(String target, String quotedValue) {
        String lowered = InstructionPhrasing.lower(target);
        if (lowered.matches("the\\s+(?:text|writing|words?|lettering)")) {
            return "Change the text to " + quotedValue;
        }
        // The user's words as typed (a name on the sign keeps its capitals), only the opening article lowered.
        return "Change the text on " + Character.toLowerCase(target.charAt(0)) + target.substring(1) + " to " + quotedValue;
    }

    private static boolean isTextBearer(String target) {
        String[] words = InstructionPhrasing.lower(target).split("\\s+");
        return TEXT_BEARERS.contains(words[words.length - 1]);
    }

    private static String template(String text, List<QuotedText.Span> spans) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            out.append(text, at, spans.get(i).start()).append('⟪').append(i).append('⟫');
            at = spans.get(i).end();
        }
        return out.append(text.substring(at)).toString();
    }

    /** Puts quoted spans back into a template fragment, in the house quote style. */
    private static String restored(String fragment, List<QuotedText.Span> spans) {
        Matcher m = Pattern.compile(Q).matcher(fragment);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String quoted = QuotedText.quote(spans.get(Integer.parseInt(m.group(1))).content());
            m.appendReplacement(out, Matcher.quoteReplacement(quoted));
        }
        m.appendTail(out);
        return out.toString().stripTrailing();
    }
}

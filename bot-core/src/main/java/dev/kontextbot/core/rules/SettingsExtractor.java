package dev.kontextbot.core.rules;

import dev.kontextbot.core.rules.ParsedCommand.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes generation settings out of a message ("make it red with 30 steps, seed 4" -> "make it red", steps 30,
 * seed 4). A number before "steps" counts only where a setting can stand (after "with"/a comma, before the end
 * or another setting), so "add 3 steps to the porch" stays an instruction.
 */
final class SettingsExtractor {

    /** The message without its settings, and the settings found. */
    record Extracted(String remainder, Settings settings) {}

    private static final String LEAD = "(?:^|[\\s,;]+)(?:(?:and|with|using|use|at|set|but|in)\\s+)*(?:the\\s+|a\\s+)?";
    private static final String SETTING_FOLLOWS =
            "(?=\\s*(?:$|[,;.!]|and\\b|with\\b|seed\\b|guidance\\b|cfg\\b|steps?\\b|aspect\\b|please\\b))";
    private static final String SET_TO = "\\s*(?:[:=#]|\\s(?:to|of|at|is|number))?\\s*";

    private static final Pattern STEPS_FIRST = Pattern.compile(
            "(?i)" + LEAD + "(?:sampling\\s+|inference\\s+)?steps?" + SET_TO + "(\\d{1,4})\\b");
    private static final Pattern STEPS_AFTER = Pattern.compile(
            "(?i)(?:^(?:(?:and|with|using|use|at|set|but|in)\\s+)*|[\\s,;]+(?:(?:and|with|using|use|at|set|but|in)\\s+)+|\\s*[,;]\\s*)(\\d{1,4})\\s*(?:sampling\\s+|inference\\s+)?steps\\b"
                    + SETTING_FOLLOWS);
    private static final Pattern GUIDANCE = Pattern.compile(
            "(?i)" + LEAD + "(?:guidance(?:\\s+scale)?|cfg(?:\\s+scale)?)" + SET_TO + "(\\d{1,3}(?:\\.\\d+)?)\\b");
    private static final Pattern RANDOM_SEED = Pattern.compile(
            "(?i)" + LEAD + "(?:(?:random|any)\\s+seed|seed" + SET_TO + "random)\\b");
    private static final Pattern SEED = Pattern.compile("(?i)" + LEAD + "seed" + SET_TO + "(\\d{1,18})\\b");
    private static final Pattern ASPECT = Pattern.compile(
            "(?i)" + LEAD + "(?:aspect(?:\\s+ratio)?|ratio|format|--ar)" + SET_TO + "(\\d{1,2})\\s*[:x/]\\s*(\\d{1,2})\\b");
    // "in 16:9" without a keyword only for the usual ratios, so "a clock showing 3:15" keeps its time.
    private static final Pattern ASPECT_IN = Pattern.compile(
            "(?i)" + LEAD.replace("|in)", ")") + "in\\s+(1|4|3|16|9|2|21|5)\\s*:\\s*(1|3|4|9|16|2|21|5)\\b"
                    + "(?<=\\b(?:1:1|4:3|3:4|16:9|9:16|3:2|2:3|21:9|9:21|5:4|4:5))");
    private static final Pattern QUOTED = Pattern.compile(
            "\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<![\\p{L}\\p{N}])'[^']*'(?![\\p{L}\\p{N}])");
    private static final Pattern DANGLING = Pattern.compile(
            "(?i)(?:[\\s,;:]+(?:and|with|using|use|at|set|but|in)?)+$");

    Extracted extract(String text) {
        String rest = text;
        OptionalInt steps = OptionalInt.empty();
        OptionalDouble guidance = OptionalDouble.empty();
        OptionalLong seed = OptionalLong.empty();
        Optional<String> aspect = Optional.empty();

        Matcher m = outsideQuotes(STEPS_FIRST, rest);
        if (m != null) {
            steps = OptionalInt.of(Integer.parseInt(m.group(1)));
            rest = removed(rest, m);
        } else if ((m = outsideQuotes(STEPS_AFTER, rest)) != null) {
            steps = OptionalInt.of(Integer.parseInt(m.group(1)));
            rest = removed(rest, m);
        }
        m = outsideQuotes(GUIDANCE, rest);
        if (m != null) {
            guidance = OptionalDouble.of(Double.parseDouble(m.group(1)));
            rest = removed(rest, m);
        }
        m = outsideQuotes(RANDOM_SEED, rest);
        if (m != null) {
            seed = OptionalLong.of(Settings.RANDOM_SEED);
            rest = removed(rest, m);
        } else if ((m = outsideQuotes(SEED, rest)) != null) {
            seed = OptionalLong.of(Long.parseLong(m.group(1)));
            rest = removed(rest, m);
        }
        m = outsideQuotes(ASPECT, rest);
        if (m != null || (m = outsideQuotes(ASPECT_IN, rest)) != null) {
            aspect = Optional.of(Integer.parseInt(m.group(1)) + ":" + Integer.parseInt(m.group(2)));
            rest = removed(rest, m);
        }
        String remainder = DANGLING.matcher(rest.strip()).replaceFirst("").strip();
        return new Extracted(remainder, new Settings(steps, guidance, seed, aspect));
    }

    /** The first match that does not touch quoted text ("change the sign to 'seed 42'" has no seed), or null. */
    private static Matcher outsideQuotes(Pattern pattern, String text) {
        List<int[]> quoted = new ArrayList<>();
        Matcher q = QUOTED.matcher(text);
        while (q.find()) {
            quoted.add(new int[] {q.start(), q.end()});
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (quoted.stream().noneMatch(span -> start < span[1] && span[0] < end)) {
                return m;
            }
        }
        return null;
    }

    /** The text without the match; a match in mid-sentence leaves a single space. */
    private static String removed(String text, Matcher m) {
        String before = text.substring(0, m.start());
        String after = text.substring(m.end());
        if (before.isBlank()) {
            return after.replaceFirst("^[\\s,;:]+", "");
        }
        return (before + " " + after.replaceFirst("^[\\s]+", "")).replaceAll("\\s+([,;.!?])", "$1").strip();
    }
}

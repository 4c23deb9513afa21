package dev.kontextbot.core.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One language's rules, read from a data file ({@code en.rules} beside this class): named regular expressions, a
 * name's lines being alternatives in the order written. See the file's header for the names the classifier reads.
 */
public final class IntentRules {

    private static final Pattern LINE = Pattern.compile("^([a-z][a-z0-9_.]*)\\s*=\\s*(.+)$");
    private static final Pattern REFERENCE = Pattern.compile("\\{([a-z][a-z0-9_.]*)}");

    /** A named rule, its lines joined as alternatives. */
    public record Named(String name, Pattern pattern) {}

    private final String language;
    private final Map<String, String> alternatives;
    private final List<Named> lines;

    private IntentRules(String language, Map<String, String> alternatives, List<Named> lines) {
        this.language = language;
        this.alternatives = alternatives;
        this.lines = List.copyOf(lines);
    }

    /** The rules of a language shipped with the bot: {@code en}. */
    public static IntentRules load(String language) {
        String resource = language + ".rules";
        try (InputStream in = IntentRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No rules for language '" + language + "' (" + resource + ")");
            }
            return parse(language, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /** Rules from text in the data-file format; a bad line is an error naming the line. */
    public static IntentRules parse(String language, String text) {
        Map<String, String> rules = new LinkedHashMap<>();
        List<Named> lines = new ArrayList<>();
        int number = 0;
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                number++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException(language + ".rules line " + number + ": expected 'name = regex'");
                }
                String regex = expanded(m.group(2).strip(), rules, language, number);
                try {
                    lines.add(new Named(m.group(1), Pattern.compile(regex)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(language + ".rules line " + number + ": " + e.getDescription(), e);
                }
                rules.merge(m.group(1), regex, (a, b) -> a + "|" + b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IntentRules(language, rules, lines);
    }

    private static String expanded(String regex, Map<String, String> known, String language, int number) {
        Matcher ref = REFERENCE.matcher(regex);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            String value = known.get(ref.group(1));
            if (value == null) {
                throw new IllegalArgumentException(language + ".rules line " + number + ": {" + ref.group(1)
                        + "} is not defined above");
            }
            ref.appendReplacement(out, Matcher.quoteReplacement("(?:" + value + ")"));
        }
        ref.appendTail(out);
        return out.toString();
    }

    public String language() {
        return language;
    }

    /** The pattern of a name as a whole-message match (its alternatives in one group), or empty when undefined. */
    public Optional<Pattern> pattern(String name) {
        return Optional.ofNullable(alternatives.get(name)).map(r -> Pattern.compile("(?:" + r + ")"));
    }

    /** The pattern of a name, which must be defined. */
    public Pattern required(String name) {
        return pattern(name).orElseThrow(() -> new IllegalArgumentException(language + ".rules has no " + name));
    }

    /** Every line whose name starts with {@code prefix}, in file order, the prefix removed; groups count per line. */
    public List<Named> lines(String prefix) {
        return lines.stream().filter(n -> n.name().startsWith(prefix))
                .map(n -> new Named(n.name().substring(prefix.length()), n.pattern())).toList();
    }

    /** Every name that starts with {@code prefix}, all its lines as one pattern, in the order of first appearance. */
    public List<Named> all(String prefix) {
        List<Named> out = new ArrayList<>();
        alternatives.forEach((name, regex) -> {
            if (name.startsWith(prefix)) {
                out.add(new Named(name.substring(prefix.length()), Pattern.compile("(?:" + regex + ")")));
            }
        });
        return out;
    }
}

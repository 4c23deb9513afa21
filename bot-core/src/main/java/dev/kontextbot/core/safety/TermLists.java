package dev.kontextbot.core.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Term lists per language: files named {@code <language>.txt} (one term or phrase a line, {@code #} starts a
 * comment) in a folder the operator edits, or the built-in lists. A text matches when it contains a term as whole
 * words, ignoring case, accents and punctuation between the words ("Ba-d  Word" matches "bad word"). Every list
 * applies to every text: a German user may well write English.
 */
public final class TermLists implements TextScreen {

    /** The built-in languages, in bot-core's resources under safety/terms/. */
    static final List<String> BUILT_IN = List.of("en", "de", "fr", "es");
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Map<String, List<String>> terms;

    TermLists(Map<String, List<String>> terms) {
        this.terms = new TreeMap<>();
        terms.forEach((language, list) -> this.terms.put(language,
                list.stream().map(TermLists::normalise).filter(t -> !t.isBlank()).map(t -> " " + t + " ").toList()));
    }

    /** The lists shipped with the bot. */
    public static TermLists builtIn() {
        Map<String, List<String>> lists = new TreeMap<>();
        for (String language : BUILT_IN) {
            try (InputStream in = TermLists.class.getResourceAsStream("/safety/terms/" + language + ".txt")) {
                if (in != null) {
                    lists.put(language, lines(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TermLists(lists);
    }

    /** Every {@code *.txt} in {@code dir}; the file name without extension is the language. */
    public static TermLists fromFolder(Path dir) throws IOException {
        Map<String, List<String>> lists = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.txt")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                lists.put(name.substring(0, name.length() - 4), lines(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return new TermLists(lists);
    }

    /** Writes the built-in lists into {@code dir} for the operator to edit; existing files are kept. */
    public static void writeBuiltIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String language : BUILT_IN) {
            Path file = dir.resolve(language + ".txt");
            try (InputStream in = TermLists.class.getResourceAsStream("/safety/terms/" + language + ".txt")) {
                if (in != null && !Files.exists(file)) {
                    Files.write(file, in.readAllBytes());
                }
            }
        }
    }

    public int size() {
        return terms.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public ScreenVerdict screen(String text, boolean strict) {
        String padded = " " + normalise(text) + " ";
        for (Map.Entry<String, List<String>> list : terms.entrySet()) {
            for (String term : list.getValue()) {
                if (padded.contains(term)) {
                    return new ScreenVerdict(true, "term list " + list.getKey() + ": \"" + term.strip() + "\"",
                            Map.of());
                }
            }
        }
        return ScreenVerdict.pass();
    }

    private static List<String> lines(String content) {
        List<String> out = new ArrayList<>();
        for (String line : content.split("\\R")) {
            int hash = line.indexOf('#');
            String term = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!term.isEmpty()) {
                out.add(term);
            }
        }
        return out;
    }

    /** Lower case, accents dropped, every run of non-letters one space. */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return NOT_A_LETTER.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip();
    }
}

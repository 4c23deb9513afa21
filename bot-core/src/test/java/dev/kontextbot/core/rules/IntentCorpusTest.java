package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.rules.ParsedCommand.Answer;
import dev.kontextbot.core.rules.ParsedCommand.Instruction;
import dev.kontextbot.core.rules.ParsedCommand.Unsure;
import dev.kontextbot.prompts.KontextPromptRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The phrasing corpus ({@code src/test/resources/intents}): each phrasing with its context, the intent expected and
 * the instruction(s) sent, the tool called or the topic answered. Prints the accuracy per intent. {@code corpus.tsv}
 * must be at least 95% right in every intent; {@code heldout.tsv} was written before the rules and is only scored.
 */
class IntentCorpusTest {

    private static final List<String> INTENTS = List.of("edit", "create", "command", "question", "smalltalk",
            "introduction", "unsure");

    private final CommandParser parser = new CommandParser();
    private final ToolCallPlanner planner = new ToolCallPlanner();
    private final KontextPromptRules prompts = new KontextPromptRules();

    record Row(int line, String context, String text, String intent, String detail) {}

    record Outcome(String intent, String detail) {}

    @Test
    void developmentCorpusIsRightInEveryIntent() throws IOException {
        List<Row> rows = rows("corpus.tsv");
        Map<String, int[]> score = scored("corpus.tsv", rows);

        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        assertThat(score.keySet()).containsAll(INTENTS);
        score.forEach((intent, s) -> assertThat(100.0 * s[0] / s[1]).as("accuracy of %s", intent)
                .isGreaterThanOrEqualTo(95.0));
    }

    @Test
    void heldOutCorpusIsScored() throws IOException {
        List<Row> rows = rows("heldout.tsv");
        Map<String, int[]> score = scored("heldout.tsv", rows);

        int right = score.values().stream().mapToInt(s -> s[0]).sum();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        // A floor fixed before the held-out part was first scored; the figures per intent are in the output.
        assertThat(100.0 * right / rows.size()).isGreaterThanOrEqualTo(85.0);
    }

    private Map<String, int[]> scored(String file, List<Row> rows) {
        Map<String, int[]> score = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            Outcome got = classify(row);
            boolean right = got.intent().equals(row.intent())
                    && (row.detail().isEmpty() || got.detail().equalsIgnoreCase(row.detail()));
            int[] s = score.computeIfAbsent(row.intent(), k -> new int[2]);
            s[1]++;
            if (right) {
                s[0]++;
            } else {
                wrong.add(String.format(Locale.ROOT, "  %s:%d [%s] \"%s\" expected %s %s, got %s %s", file, row.line(),
                        row.context(), row.text(), row.intent(), row.detail(), got.intent(), got.detail()));
            }
        }
        StringBuilder report = new StringBuilder("Phrasing corpus " + file + ":\n");
        score.forEach((intent, s) -> report.append(String.format(Locale.ROOT, "  %-13s %3d/%3d  %5.1f%%%n", intent,
                s[0], s[1], 100.0 * s[0] / s[1])));
        int right = score.values().stream().mapToInt(s -> s[0]).sum();
        report.append(String.format(Locale.ROOT, "  %-13s %3d/%3d  %5.1f%%%n", "all", right, rows.size(),
                100.0 * right / rows.size()));
        wrong.forEach(w -> report.append(w).append('\n'));
        System.out.print(report);
        return score;
    }

    /** What the bot does with the phrasing, as an intent and its detail, the way the tools then act on it. */
    private Outcome classify(Row row) {
        boolean fresh = row.context().equals("new");
        ParsedCommand parsed = parser.parse(row.text(), row.context().equals("pic+"));
        PlannedToolCall call = planner.plan(parsed, row.context().equals("pic+"));
        return switch (parsed) {
            // edit_image creates when there is no picture; an aspect ratio makes it generate_image
            case Instruction i -> new Outcome(fresh || call.toolName().equals(ToolNames.GENERATE_IMAGE) ? "create"
                    : "edit", sent(i.text()));
            // ask_before_editing creates at once when there is no picture
            case Unsure u -> fresh ? new Outcome("create", sent(u.text())) : new Outcome("unsure", "");
            case Answer a -> switch (a.topic().talk()) {
                case QUESTION -> new Outcome("question", a.topic().key());
                case INTRODUCTION -> new Outcome("introduction", "");
                case SMALL_TALK, REPLY -> new Outcome("smalltalk", "");
            };
            case ParsedCommand.Confirmation c -> new Outcome("smalltalk", "");
            default -> new Outcome("command", call.toolName());
        };
    }

    private String sent(String text) {
        try {
            return String.join(" || ", prompts.prepare(text).parts());
        } catch (IllegalArgumentException e) {
            return "(refused: " + e.getMessage() + ")";
        }
    }

    private static List<Row> rows(String file) throws IOException {
        try (InputStream in = IntentCorpusTest.class.getResourceAsStream("/intents/" + file)) {
            assertThat(in).as(file).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] f = Arrays.copyOf(lines[i].split("\t", -1), 4);
                assertThat(INTENTS).as("%s line %d", file, i + 1).contains(f[2]);
                rows.add(new Row(i + 1, f[0], f[1], f[2], f[3] == null ? "" : f[3].strip()));
            }
            return rows;
        }
    }
}

package dev.kontextbot.prompts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The edits along a path, from the root to the current version, as ONE instruction for Kontext ("re-anchor by
 * replay"): each step rewritten as the rules would (text edits as {@code Replace 'X' with 'Y'}, "change" for a local
 * "transform"), repeats dropped with the first kept in place, then joined as one list ("make the sky purple, add a
 * red hat and replace 'OPEN' with 'CLOSED'") with a single closing clause of what to keep: one clear instruction
 * suits Kontext better than a string of sentences, each with its own clause. A combination longer than the text
 * encoder reads is refused in plain words instead of being cut, since a cut would silently drop the last edits.
 */
public final class CombinedInstruction {

    private static final Pattern TRANSFORM = Pattern.compile("(?i)^transform\\b");
    private static final Pattern KEEPS = Pattern.compile("(?i)\\b(?:keep\\w*|preserv\\w*|maintain\\w*)\\b");

    /**
     * @param steps       the steps that were kept, in path order, as typed
     * @param instruction the one instruction to send
     */
    public record Combined(List<String> steps, String instruction) {

        /** The steps as the user typed them, for the version's label: "make the sky purple, add a red hat". */
        public String typed() {
            return String.join(", ", steps);
        }
    }

    private final TextEditRewriter textEdits = new TextEditRewriter();
    private final StyleEdit styleEdit = new StyleEdit();
    private final PreservationClause preservation = new PreservationClause();
    private final T5Length t5 = new T5Length();

    /**
     * @param typedSteps the instructions along the path, oldest first, as typed (blank ones are skipped)
     * @throws InvalidInstructionException  when no step has words in it
     * @throws InstructionTooLongException when the combination does not fit the text encoder
     */
    public Combined combine(List<String> typedSteps) {
        // Key: the step without politeness, case or spacing, so "Add a hat." repeats "add a hat".
        Map<String, String> kept = new LinkedHashMap<>();
        for (String typed : typedSteps) {
            String step = typed == null ? "" : InstructionPhrasing.withoutFiller(typed.replaceAll("\\s+", " "));
            if (!step.isEmpty()) {
                kept.putIfAbsent(step.toLowerCase(Locale.ROOT), step);
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidInstructionException("There are no edits to replay: the picture has not been edited "
                    + "since the original.");
        }
        List<String> steps = List.copyOf(kept.values());
        List<String> rewritten = new ArrayList<>();
        boolean style = false;
        for (String step : steps) {
            String edit = textEdits.rewrite(step).orElseGet(() -> QuotedText.normalised(step));
            if (styleEdit.isWholeImageStyle(edit)) {
                style = true;
            } else {
                edit = TRANSFORM.matcher(edit).replaceFirst("change");
            }
            rewritten.add(rewritten.isEmpty() ? edit : continued(edit));
        }
        String joined = InstructionPhrasing.capitalised(listed(rewritten));
        int tokens = t5.estimatedTokens(joined);
        if (!t5.fits(joined)) {
            throw new InstructionTooLongException("The " + steps.size() + " edits since the original are too long "
                    + "to replay as one instruction: about " + tokens + " tokens, and the text encoder reads at most "
                    + T5Length.MAX_T5_TOKENS + ". Say 're-anchor' to fix the colours instead.", tokens);
        }
        return new Combined(steps, withClause(joined, style));
    }

    /** One closing clause of what to keep, when it still fits: composition for a style, else the rules' clause. */
    private String withClause(String joined, boolean style) {
        if (KEEPS.matcher(joined).find()) {
            return joined;
        }
        Optional<String> clause = style ? Optional.of(styleEdit.withCompositionKept(joined))
                : preservation.apply(joined);
        return clause.filter(t5::fits).orElse(joined);
    }

    /** A later part in lower case when it starts with a capitalised word ("Add" but not "I" or "TV"). */
    private static String continued(String edit) {
        if (edit.length() > 1 && Character.isUpperCase(edit.charAt(0)) && Character.isLowerCase(edit.charAt(1))) {
            return Character.toLowerCase(edit.charAt(0)) + edit.substring(1);
        }
        return edit;
    }

    private static String listed(List<String> parts) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }
}

package dev.kontextbot.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into edit instructions that FLUX.1 Kontext follows well (kontext-pipeline.md §6):
 * compound requests split into sequential edits, text edits as {@code Replace 'X' with 'Y'}, "transform"
 * kept for whole-image style only, what to keep stated when a person or the background changes, and each
 * edit kept within the T5 limit. Notes say what changed, so captions can teach users to write instructions.
 */
public final class KontextPromptRules {

    private static final Pattern TRANSFORM = Pattern.compile("(?i)^transform\\b");

    /** The parts one compound request may have unless configured otherwise. */
    public static final int DEFAULT_MAX_EDITS = 6;

    private final CompoundSplitter splitter;
    private final TextEditRewriter textEdits = new TextEditRewriter();
    private final StyleEdit styleEdit = new StyleEdit();
    private final PreservationClause preservation = new PreservationClause();
    private final T5Length t5 = new T5Length();

    public KontextPromptRules() {
        this(DEFAULT_MAX_EDITS);
    }

    /** @param maxEdits the most parts one compound request may have; more is refused with a plain message */
    public KontextPromptRules(int maxEdits) {
        if (maxEdits < 1) {
            throw new IllegalArgumentException("maxEdits must be at least 1");
        }
        this.splitter = new CompoundSplitter(maxEdits);
    }

    /**
     * @throws TooManyEditsException when the request has more parts than allowed
     * @throws InvalidInstructionException when there is nothing to run
     */
    public PreparedInstruction prepare(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new InvalidInstructionException("Say what to change in the picture, e.g. \"make the sky pink\".");
        }
        String text = typed.strip().replaceAll("\\s+", " ");
        List<String> parts = splitter.split(text);
        if (parts.isEmpty()) {
            throw new InvalidInstructionException("Say what to change in the picture, e.g. \"make the sky pink\".");
        }
        Notes notes = new Notes();
        if (parts.size() > 1) {
            notes.add("Split into " + parts.size() + " edits, applied one after another, each its own version.");
        }
        boolean shortened = false;
        List<String> edits = new ArrayList<>();
        for (String part : parts) {
            String edit = rewritten(part, notes);
            if (!t5.fits(edit)) {
                edit = t5.shortened(edit);
                shortened = true;
                notes.add("Shortened to about " + t5.estimatedTokens(edit) + " tokens: the text encoder reads at most "
                        + T5Length.MAX_T5_TOKENS + " tokens and ignores the rest.");
            }
            edits.add(InstructionPhrasing.capitalised(edit));
        }
        return new PreparedInstruction(parts, edits, notes.list(), shortened);
    }

    private String rewritten(String part, Notes notes) {
        Optional<String> textEdit = textEdits.rewrite(part);
        if (textEdit.isPresent()) {
            if (!textEdit.get().equals(QuotedText.normalised(part))) {
                notes.add("Text edits work best as: Replace 'old text' with 'new text' (quotes kept exactly).");
            }
            return textEdit.get();
        }
        String edit = QuotedText.normalised(part);
        if (styleEdit.isWholeImageStyle(edit)) {
            if (Pattern.compile("(?i)\\b(?:maintain|keep|preserv)\\w*").matcher(edit).find()) {
                return edit;
            }
            String kept = styleEdit.withCompositionKept(edit);
            if (!t5.fits(kept)) {
                return edit;
            }
            notes.add("Added \"while maintaining the original composition\" so the layout stays.");
            return kept;
        }
        if (TRANSFORM.matcher(edit).find()) {
            edit = TRANSFORM.matcher(edit).replaceFirst("Change");
            notes.add("Used \"change\" instead of \"transform\": for a local edit, \"transform\" invites a full re-render.");
        }
        Optional<String> kept = preservation.apply(edit);
        if (kept.isPresent() && t5.fits(kept.get())) {
            notes.add("Added what to keep, so the rest of the picture does not drift.");
            return kept.get();
        }
        return edit;
    }

    /** Notes without repeats, in the order they arose. */
    private static final class Notes {
        private final List<String> notes = new ArrayList<>();

        void add(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }

        List<String> list() {
            return notes;
        }
    }
}

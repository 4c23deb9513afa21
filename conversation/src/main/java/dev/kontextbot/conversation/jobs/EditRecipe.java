package dev.kontextbot.conversation.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * What a job makes. An EDIT starts from {@code baseVersionId} (or, with no base, from its references); a GENERATE
 * from nothing. Its {@code steps} run in order, each adding a version that the next one edits. {@code references}
 * are blob ids of pictures given beside the one edited. {@code region} (null: the whole picture) limits an edit to
 * a box; {@code keepUntouched} restores every pixel a whole-picture edit did not change. {@code variations} above 1
 * runs a one-step recipe that many times with seeds {@code seed, seed+1, ...}, each result a sibling of the base.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditRecipe(JobKind kind, String baseVersionId, List<EditStep> steps, List<String> references,
                         Region region, boolean keepUntouched, int variations) {

    /** Most variations one job makes. */
    public static final int MAX_VARIATIONS = 4;

    public EditRecipe {
        steps = steps == null ? List.of() : List.copyOf(steps);
        references = references == null ? List.of() : List.copyOf(references);
        if (kind == null) {
            throw new InvalidJobException("A job needs a kind (EDIT or GENERATE)");
        }
        if (kind == JobKind.EDIT && baseVersionId == null && references.isEmpty()) {
            throw new InvalidJobException("An edit needs a picture to start from");
        }
        if (steps.isEmpty()) {
            throw new InvalidJobException("A job needs an instruction");
        }
        if (variations < 1 || variations > MAX_VARIATIONS) {
            throw new InvalidJobException("Variations must be between 1 and " + MAX_VARIATIONS);
        }
        if (region != null && (kind != JobKind.EDIT || baseVersionId == null)) {
            throw new InvalidJobException("Only an edit of a stored picture can be limited to a region");
        }
    }

    /** One step, over the whole picture, one result. */
    public static EditRecipe of(JobKind kind, String baseVersionId, EditStep step) {
        return new EditRecipe(kind, baseVersionId, List.of(step), List.of(), null, false, 1);
    }

    public Optional<Region> localRegion() {
        return Optional.ofNullable(region);
    }

    /** True when the runs are siblings of the base (variations) rather than a chain (a compound edit). */
    public boolean siblings() {
        return variations > 1 && steps.size() == 1;
    }

    /** How many times the model runs: once per step, or once per variation. */
    public int runs() {
        return siblings() ? variations : steps.size();
    }

    /** The step run {@code run} carries out (a variation repeats the only one). */
    public EditStep step(int run) {
        return steps.get(siblings() ? 0 : run);
    }

    /** What the user asked for, as one text (a compound request's parts one per line), for a reviewer to read. */
    public String typedText() {
        return steps.size() == 1 ? steps.getFirst().typed()
                : String.join("\n", steps.stream().map(EditStep::typed).toList());
    }
}

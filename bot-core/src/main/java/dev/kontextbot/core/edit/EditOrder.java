package dev.kontextbot.core.edit;

import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.region.RegionSpec;
import java.util.List;
import java.util.Optional;

/**
 * What a turn asks {@link EditSubmitter} to queue, before the prompt rules and the settings apply: an edit of
 * {@code base} (or a generation, no base) with what the user typed and the message's overrides; optionally limited
 * to a region, run as variations, or with pictures sent beside it as references (before the conversation's own).
 */
public record EditOrder(JobKind kind, Optional<Version> base, String typed, EditOverrides overrides,
                        Optional<RegionSpec> region, int variations, List<String> sentReferences) {

    public EditOrder {
        sentReferences = List.copyOf(sentReferences);
    }

    public static EditOrder edit(Version base, String typed, EditOverrides overrides) {
        return new EditOrder(JobKind.EDIT, Optional.of(base), typed, overrides, Optional.empty(), 1, List.of());
    }

    public static EditOrder generate(String prompt, EditOverrides overrides) {
        return new EditOrder(JobKind.GENERATE, Optional.empty(), prompt, overrides, Optional.empty(), 1, List.of());
    }

    /** An edit of {@code base} when there is one, else a generation (a retry of a result whose parent is gone). */
    public static EditOrder editOrGenerate(Optional<Version> base, String typed, EditOverrides overrides) {
        return base.map(b -> edit(b, typed, overrides)).orElseGet(() -> generate(typed, overrides));
    }

    public EditOrder within(RegionSpec area) {
        return new EditOrder(kind, base, typed, overrides, Optional.of(area), variations, sentReferences);
    }

    public EditOrder varied(int count) {
        return new EditOrder(kind, base, typed, overrides, region, count, sentReferences);
    }

    public EditOrder withReferences(List<String> sent) {
        return new EditOrder(kind, base, typed, overrides, region, variations, sent);
    }
}

package dev.kontextbot.core.reply;

import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.HistoryEntry;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.state.VersionRef;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The variations one "vary" job made: siblings (same parent) whose job ids are the job's own or {@code <job>#i}.
 * A compound job's steps share the job id too, but chain (each the parent of the next), so they never match.
 */
public final class Variations {

    private final ConversationStore store;

    public Variations(ConversationStore store) {
        this.store = store;
    }

    /** The variations {@code version} belongs to, in the order they were made; empty when it is not one of two or more. */
    public List<Version> of(String conv, Version version) {
        if (version.jobId() == null || version.parentId() == null) {
            return List.of();
        }
        String job = jobOf(version.jobId());
        List<Version> set = store.history(conv).stream().map(HistoryEntry::version)
                .filter(v -> Objects.equals(v.parentId(), version.parentId()))
                .filter(v -> v.jobId() != null && jobOf(v.jobId()).equals(job))
                .sorted(Comparator.comparingInt(Version::number))
                .toList();
        return set.size() > 1 ? set : List.of();
    }

    /**
     * Makes {@code chosen} the head: what "pick N" and the "Pick N" button both do. The others stay in the tree.
     *
     * @throws TurnException when {@code chosen} is not one of a set of variations
     */
    public Version pick(String conv, Version chosen) {
        if (of(conv, chosen).isEmpty()) {
            throw new TurnException("no_variations",
                    "That picture is not one of a set of variations. Say 'vary' to make some.");
        }
        return store.goTo(conv, new VersionRef.ById(chosen.id()));
    }

    /** The job id without a step's {@code #i} suffix. */
    static String jobOf(String stepJobId) {
        int hash = stepJobId.lastIndexOf('#');
        return hash < 0 ? stepJobId : stepJobId.substring(0, hash);
    }
}

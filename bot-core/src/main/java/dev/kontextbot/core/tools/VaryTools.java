package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.reply.VersionReplies;
import dev.kontextbot.core.reply.Variations;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.List;
import java.util.Optional;

/** Variations: the last edit again with several new seeds in one job, and picking one of them. */
public final class VaryTools {

    /** Variations when the user gives no number. */
    static final int DEFAULT_COUNT = 3;

    private final EditService edits;
    private final ConversationStore store;
    private final VersionReplies replies;
    private final Variations variations;

    public VaryTools(EditService edits, ConversationStore store, VersionReplies replies, Variations variations) {
        this.edits = edits;
        this.store = store;
        this.replies = replies;
        this.variations = variations;
    }

    @Tool(name = "vary", value = "Run the last edit again from the same starting picture with 2-4 new seeds in one "
            + "job; each result becomes a sibling version the user can pick (\"v5\").")
    public String vary(@P(value = "how many variations, 2-4 (default 3)", required = false) Integer count,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            Version head = store.head(ctx.conversation())
                    .orElseThrow(() -> new TurnException("empty", "There is nothing to vary yet."));
            int n = count == null ? DEFAULT_COUNT : count;
            edits.vary(ctx, head, n);
            return "Queued " + n + " variations of " + head.label() + "; they come together, then say 'pick 1' to 'pick " + n + "'.";
        });
    }

    @Tool(name = "pick_variation", value = "Make one of the last variations the current version: 1 is the first "
            + "shown (\"pick 2\", \"use the second one\"); the others stay in the tree.")
    public String pickVariation(@P("which variation, 1-4, in the order they were shown") int number,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            Version head = store.head(ctx.conversation())
                    .orElseThrow(() -> new TurnException("empty", "There are no variations to pick from yet."));
            List<Version> set = variations.of(ctx.conversation(), head);
            if (set.isEmpty()) {
                throw new TurnException("no_variations",
                        "The current picture is not one of a set of variations. Say 'vary' to make some.");
            }
            if (number < 1 || number > set.size()) {
                throw new TurnException("invalid_variation",
                        "Pick a number from 1 to " + set.size() + ".");
            }
            Version picked = variations.pick(ctx.conversation(), set.get(number - 1));
            ctx.send(replies.show(ctx.conversation(), ctx.userId(), picked, Optional.empty()));
            return "Picked variation " + number + ": now at " + picked.label() + ".";
        });
    }
}

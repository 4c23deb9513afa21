package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.service.EditService;
import dev.kontextbot.core.service.TurnContext;
import dev.kontextbot.core.service.TurnException;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** Variations: the last edit again with several new seeds in one job. */
public final class VaryTools {

    /** Variations when the user gives no number. */
    static final int DEFAULT_COUNT = 3;

    private final TurnContext ctx;
    private final EditService edits;
    private final ConversationStore store;

    public VaryTools(TurnContext ctx, EditService edits, ConversationStore store) {
        this.ctx = ctx;
        this.edits = edits;
        this.store = store;
    }

    @Tool(name = "vary", value = "Run the last edit again from the same starting picture with 2-4 new seeds in one "
            + "job; each result becomes a sibling version the user can pick (\"v5\").")
    public String vary(@P(value = "how many variations, 2-4 (default 3)", required = false) Integer count) {
        return ToolGuard.run(ctx, () -> {
            Version head = store.head(ctx.conversation())
                    .orElseThrow(() -> new TurnException("empty", "There is nothing to vary yet."));
            int n = count == null ? DEFAULT_COUNT : count;
            edits.vary(ctx, head, n);
            return "Queued " + n + " variations of " + head.label() + "; pick one by its number when they are done.";
        });
    }
}

package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.HistoryEntry;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.state.VersionRef;
import dev.kontextbot.core.drift.DriftNotes;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.reply.VersionReplies;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.List;
import java.util.Optional;

/** Moving through the version tree: undo, redo, go to a version, history, start over. */
public final class HistoryTools {

    private final ConversationStore store;
    private final VersionReplies replies;
    private final DriftNotes driftNotes = new DriftNotes();

    public HistoryTools(ConversationStore store, VersionReplies replies) {
        this.store = store;
        this.replies = replies;
    }

    @Tool(name = "undo", value = "Go back to the previous version of the picture.")
    public String undo(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> showCurrent(ctx, store.undo(ctx.conversation()), "Undone: now at "));
    }

    @Tool(name = "redo", value = "Redo the version that was undone.")
    public String redo(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> showCurrent(ctx, store.redo(ctx.conversation()), "Redone: now at "));
    }

    @Tool(name = "go_to_version", value = "Make an earlier version current: v3, 3, the original, the previous one, or a version id.")
    public String goToVersion(@P("which version, e.g. v3, original, previous") String version,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> showCurrent(ctx, store.goTo(ctx.conversation(), VersionRef.parse(version)),
                "Now at "));
    }

    @Tool(name = "show_history", value = "List the versions of the picture.")
    public String showHistory(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            List<HistoryEntry> history = store.history(ctx.conversation());
            if (history.isEmpty()) {
                return "There are no pictures in this conversation yet. Send one, or describe one to create.";
            }
            StringBuilder text = new StringBuilder("Versions:");
            java.util.Map<String, String> drifts = store.driftLog().all(ctx.conversation());
            Optional<String> hint = Optional.empty();
            for (HistoryEntry entry : history) {
                Version v = entry.version();
                text.append("\n").append(entry.head() ? "→ " : "  ").append(v.label());
                if (v.parentId() != null) {
                    store.find(ctx.conversation(), v.parentId())
                            .ifPresent(p -> text.append(" (from ").append(p.label()).append(')'));
                }
                text.append(": ").append(v.isRoot() && v.instructionTyped().isBlank()
                        ? "original picture" : v.instructionTyped());
                replies.otherFamily(v).ifPresent(note -> text.append(" · ").append(note));
                String drift = drifts.get(v.id());
                if (drift != null) {
                    text.append(" · ").append(driftNotes.gauge(drift));
                    if (entry.head()) {
                        hint = driftNotes.hint(drift, rootLabel(ctx, v));
                    }
                }
            }
            hint.ifPresent(h -> text.append("\n").append(h));
            return text.toString();
        });
    }

    private String rootLabel(TurnContext ctx, Version v) {
        Version root = v;
        while (root.parentId() != null) {
            Optional<Version> parent = store.find(ctx.conversation(), root.parentId());
            if (parent.isEmpty()) {
                break;
            }
            root = parent.get();
        }
        return root.label();
    }

    @Tool(name = "start_over", value = "Start over: the next picture begins a new tree (old versions stay reachable until they expire).")
    public String startOver(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            store.reset(ctx.conversation());
            return "Starting over. Send a picture or describe one to create.";
        });
    }

    private String showCurrent(TurnContext ctx, Version version, String prefix) {
        ctx.send(replies.show(ctx.conversation(), ctx.userId(), version, Optional.empty()));
        return prefix + version.label() + ".";
    }
}

package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.ReferenceKind;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.turn.TurnException;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.Locale;

/** Character and style references, kept beside the picture so later edits stay consistent. */
public final class ReferenceTools {

    private final ConversationStore store;
    private final EditService edits;

    public ReferenceTools(ConversationStore store, EditService edits) {
        this.store = store;
        this.edits = edits;
    }

    @Tool(name = "set_reference", value = "Keep a picture as the character or style reference for later edits.")
    public String setReference(@P("character or style") String kind,
                               @P(value = "attached (the picture just sent) or current (the current version)",
                                       required = false) String source,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            ReferenceKind referenceKind = kind(kind);
            boolean attached = ctx.event().map(e -> !e.attachments().isEmpty()).orElse(false)
                    && !"current".equalsIgnoreCase(source);
            String kindName = referenceKind.name().toLowerCase(Locale.ROOT);
            if (attached) {
                // A reference is kept beside the picture being edited; it does not become the current picture.
                store.setReference(ctx.conversation(), referenceKind, "sent", edits.storeAttachment(ctx));
                return "I'll use that picture as the " + kindName + " reference for the next edits.";
            }
            Version picture = store.head(ctx.conversation())
                    .orElseThrow(() -> new TurnException("no_image", "Send the picture to use as the reference."));
            store.setReference(ctx.conversation(), referenceKind, picture.label(), picture.imageBlob());
            return "I'll use " + picture.label() + " as the " + kindName + " reference for the next edits.";
        });
    }

    @Tool(name = "clear_reference", value = "Stop using the character or style references.")
    public String clearReference(@P("character or style") String kind,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            ReferenceKind referenceKind = kind(kind);
            int removed = store.clearReferences(ctx.conversation(), referenceKind);
            return removed == 0 ? "There was no " + kind + " reference."
                    : "Cleared the " + referenceKind.name().toLowerCase(Locale.ROOT) + " reference.";
        });
    }

    private static ReferenceKind kind(String kind) {
        try {
            return ReferenceKind.valueOf(kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TurnException("invalid_reference", "A reference is either a character or a style.");
        }
    }
}

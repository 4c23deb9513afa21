package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.edit.EditOverrides;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.reply.VersionReplies;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.Optional;

/** Tools that queue pictures: edit, generate, retry, and keeping a picture sent without words. */
public final class EditTools {

    private final EditService edits;
    private final ConversationStore store;
    private final VersionReplies replies;

    public EditTools(EditService edits, ConversationStore store, VersionReplies replies) {
        this.edits = edits;
        this.store = store;
        this.replies = replies;
    }

    @Tool(name = "edit_image", value = "Edit the current picture (or the one just sent or replied to) with a short, "
            + "concrete Kontext instruction. Generates a new picture when there is none yet.")
    public String editImage(@P("the edit instruction, e.g. Change the car color to red") String instruction,
                            @P(value = "denoising steps, 1-100", required = false) Integer steps,
                            @P(value = "guidance scale, e.g. 2.5", required = false) Double guidance,
                            @P(value = "seed, omit for the conversation setting", required = false) Long seed,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            edits.edit(ctx, instruction, EditOverrides.of(steps, guidance, seed, null));
            return "The edit was queued; the picture will follow when it is done.";
        });
    }

    @Tool(name = "generate_image", value = "Create a new picture from a description, starting a new version tree.")
    public String generateImage(@P("what the picture shows") String prompt,
                                @P(value = "denoising steps, 1-100", required = false) Integer steps,
                                @P(value = "guidance scale", required = false) Double guidance,
                                @P(value = "seed", required = false) Long seed,
                                @P(value = "aspect ratio such as 16:9 or 1:1", required = false) String aspect,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            edits.generate(ctx, prompt, EditOverrides.of(steps, guidance, seed, aspect));
            return "The picture was queued; it will follow when it is done.";
        });
    }

    @Tool(name = "retry_with_new_seed", value = "Run the last edit again from the same starting picture with a new seed.")
    public String retryWithNewSeed(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            Version head = store.head(ctx.conversation())
                    .orElseThrow(() -> new TurnException("empty", "There is nothing to retry yet."));
            edits.retry(ctx, head);
            return "Queued the same edit with a new seed.";
        });
    }

    @Tool(name = "remember_image", value = "Keep the picture the user just sent as the current picture and ask what to change.")
    public String rememberImage(InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            Version root = edits.remember(ctx);
            ctx.send(replies.show(ctx.conversation(), ctx.userId(), root, Optional.empty()));
            String ask = "Got it. What should I change?";
            ctx.send(new Reply.Text(ask));
            return ask;
        });
    }
}

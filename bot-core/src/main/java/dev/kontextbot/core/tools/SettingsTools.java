package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.core.edit.Aspects;
import dev.kontextbot.core.edit.FamilySettings;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.Locale;

/** The conversation's defaults for the next edits: steps, guidance, seed, aspect. */
public final class SettingsTools {

    private final ConversationStore store;
    private final FamilySettings family;

    public SettingsTools(ConversationStore store, FamilySettings family) {
        this.store = store;
        this.family = family;
    }

    @Tool(name = "update_settings", value = "Change the defaults for the next edits; with no arguments, show them.")
    public String updateSettings(@P(value = "denoising steps, 1-100", required = false) Integer steps,
                                 @P(value = "guidance scale, 0-20", required = false) Double guidance,
                                 @P(value = "fixed seed, or -1 for a new random seed each time", required = false) Long seed,
                                 @P(value = "aspect ratio for new pictures, e.g. 16:9, or auto", required = false) String aspect,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            family.checkGiven(steps, guidance);
            if (aspect != null) {
                Aspects.size(aspect);
            }
            ConversationSettings now = store.updateSettings(ctx.conversation(), s -> {
                ConversationSettings next = s;
                if (steps != null) {
                    next = next.withSteps(steps);
                }
                if (guidance != null) {
                    next = next.withGuidance(guidance);
                }
                if (seed != null) {
                    next = seed < 0 ? next.withRandomSeed() : next.withSeed(seed);
                }
                if (aspect != null) {
                    next = next.withAspect(aspect.trim().toLowerCase(Locale.ROOT));
                }
                return next;
            });
            return family.describe(now);
        });
    }
}

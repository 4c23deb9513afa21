package dev.kontextbot.core.tools;

import dev.kontextbot.core.edit.EditOverrides;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.region.RegionSpec;
import dev.kontextbot.core.region.RegionWords;
import dev.kontextbot.core.turn.TurnException;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;

/** Local edits: change one part of the picture and keep every other pixel as it is. */
public final class RegionTools {

    private final EditService edits;
    private final RegionWords words = new RegionWords();

    public RegionTools(EditService edits) {
        this.edits = edits;
    }

    @Tool(name = "edit_region", value = "Edit only one part of the current picture; every pixel outside it stays "
            + "exactly as it is. Use it when the user says where (\"only the top-left quarter\", \"in the middle\").")
    public String editRegion(@P("the edit instruction, without the words that say where") String instruction,
                             @P("where: top-left/top-right/bottom-left/bottom-right quarter, top/bottom/left/right "
                                     + "half or third, middle, or a pixel box X,Y,W,H") String area,
                             @P(value = "denoising steps, 1-100", required = false) Integer steps,
                             @P(value = "guidance scale, e.g. 2.5", required = false) Double guidance,
                             @P(value = "seed, omit for the conversation setting", required = false) Long seed,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            RegionSpec region = words.area(area).orElseThrow(() -> new TurnException("invalid_region",
                    "I did not understand where to edit (\"" + area + "\"). Say, for example, \"only the top-left"
                            + " quarter\", \"only the bottom half\", \"only the middle\" or a box X,Y,W,H in pixels."));
            edits.editRegion(ctx, instruction, region, EditOverrides.of(steps, guidance, seed, null));
            return "The edit of " + area + " was queued; everything outside it stays as it is.";
        });
    }
}

package dev.kontextbot.core.tools;

import dev.kontextbot.core.turn.TurnContext;
import dev.langchain4j.agent.tool.Tool;

/** The help text: commands, phrasings, prompt tips and the model license. */
public final class HelpTools {

    private final String help;

    public HelpTools(TurnContext ctx, String help) {
        this.help = help;
    }

    @Tool(name = "help", value = "Explain what the bot can do and how to phrase edits.")
    public String help() {
        return help;
    }
}

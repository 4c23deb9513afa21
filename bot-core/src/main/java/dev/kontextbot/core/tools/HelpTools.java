package dev.kontextbot.core.tools;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;

/** The help text: commands, phrasings, prompt tips and the model license. */
public final class HelpTools {

    private final String help;

    public HelpTools(String help) {
        this.help = help;
    }

    @Tool(name = "help", value = "Explain what the bot can do and how to phrase edits.")
    public String help(InvocationParameters turn) {
        return help;
    }
}

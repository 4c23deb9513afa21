package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule-based model inside a real LangChain4j AiService: the tool runs once and its text is the answer. */
class RuleBasedAgentLoopTest {

    interface Agent {
        String chat(String message);
    }

    /** Tools with the contract's names and arguments, recording what they were called with. */
    static final class RecordingTools {
        final List<String> calls = new ArrayList<>();

        @Tool(name = "edit_image", value = "Edit the current image")
        String editImage(@P("instruction") String instruction,
                @P(value = "steps", required = false) Integer steps,
                @P(value = "guidance", required = false) Double guidance,
                @P(value = "seed", required = false) Long seed) {
            calls.add("edit_image " + instruction + " " + steps + " " + guidance + " " + seed);
            return "Queued: " + instruction;
        }

        @Tool(name = "undo", value = "Undo the last edit")
        String undo() {
            calls.add("undo");
            return "Back to v1.";
        }

        @Tool(name = "go_to_version", value = "Go to a version")
        String goToVersion(@P("version") String version) {
            calls.add("go_to_version " + version);
            return "Now at " + version + ".";
        }
    }

    private final RecordingTools tools = new RecordingTools();
    private final Agent agent = AiServices.builder(Agent.class)
            .chatModel(new RuleBasedChatModel())
            .tools(tools)
            .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
            .build();

    @Test
    void instructionRunsTheEditToolWithItsSettings() {
        String answer = agent.chat("make it red with 30 steps, seed 4");

        assertThat(tools.calls).containsExactly("edit_image make it red 30 null 4");
        assertThat(answer).isEqualTo("Queued: make it red");
    }

    @Test
    void successiveTurnsEachRunOneTool() {
        agent.chat("add a hat");
        String undone = agent.chat("undo");
        String moved = agent.chat("show me the original");

        assertThat(tools.calls).containsExactly("edit_image add a hat null null null", "undo", "go_to_version original");
        assertThat(undone).isEqualTo("Back to v1.");
        assertThat(moved).isEqualTo("Now at original.");
    }
}

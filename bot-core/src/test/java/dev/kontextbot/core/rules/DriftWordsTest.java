package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.rules.ParsedCommand.Instruction;
import dev.kontextbot.core.rules.ParsedCommand.ReAnchor;
import dev.kontextbot.core.rules.ParsedCommand.ReplayPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The words for drift correction: re-anchoring the colours, and replaying the path as one edit. */
class DriftWordsTest {

    private final CommandParser parser = new CommandParser();
    private final ToolCallPlanner planner = new ToolCallPlanner();

    @ParameterizedTest
    @ValueSource(strings = {"re-anchor by replay", "reanchor by replaying", "Re-anchor it by replay please",
            "replay", "/replay", "replay from the start", "please replay the edits from the original",
            "redo all the edits from the beginning", "replay my edits", "rerun the edits from v1",
            "repeat the changes from the first version", "re-anchor by replaying all the edits"})
    void replayWordsReplayThePath(String typed) {
        ParsedCommand parsed = parser.parse(typed);

        assertThat(parsed).as(typed).isInstanceOf(ReplayPath.class);
        assertThat(planner.plan(parsed, false).toolName()).isEqualTo(ToolNames.REANCHOR_BY_REPLAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"re-anchor", "reanchor", "fix the colour drift", "restore the colours to the original"})
    void reAnchorWordsStillMatchTheColours(String typed) {
        ParsedCommand parsed = parser.parse(typed);

        assertThat(parsed).as(typed).isInstanceOf(ReAnchor.class);
        assertThat(planner.plan(parsed, false).toolName()).isEqualTo(ToolNames.REANCHOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"why do the colours keep shifting?", "what does re-anchor do?", "what is drift?",
            "why is the picture getting blurry?", "how does replay work?", "why are the faces getting softer?"})
    void questionsAboutDriftGetTheDriftAnswer(String typed) {
        ParsedCommand parsed = parser.parse(typed);

        assertThat(parsed).as(typed).isEqualTo(new ParsedCommand.Answer(AnswerTopic.DRIFT));
        assertThat(planner.plan(parsed, false).arguments()).containsEntry("topic", "drift");
        assertThat(Answers.load("en").text(AnswerTopic.DRIFT, java.util.Map.of()))
                .contains("\"re-anchor\"", "\"replay from the start\"");
    }

    @Test
    void anInstructionThatMentionsReplayStaysAnEdit() {
        assertThat(parser.parse("add a replay button to the screen")).isInstanceOf(Instruction.class);
        assertThat(parser.parse("redo")).isNotInstanceOf(ReplayPath.class);
    }
}

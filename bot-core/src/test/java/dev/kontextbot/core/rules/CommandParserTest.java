package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.rules.ParsedCommand.Answer;
import dev.kontextbot.core.rules.ParsedCommand.Cancel;
import dev.kontextbot.core.rules.ParsedCommand.ClearReference;
import dev.kontextbot.core.rules.ParsedCommand.Forget;
import dev.kontextbot.core.rules.ParsedCommand.GoTo;
import dev.kontextbot.core.rules.ParsedCommand.Help;
import dev.kontextbot.core.rules.ParsedCommand.History;
import dev.kontextbot.core.rules.ParsedCommand.Instruction;
import dev.kontextbot.core.rules.ParsedCommand.Kind;
import dev.kontextbot.core.rules.ParsedCommand.Redo;
import dev.kontextbot.core.rules.ParsedCommand.Retry;
import dev.kontextbot.core.rules.ParsedCommand.SetReference;
import dev.kontextbot.core.rules.ParsedCommand.Settings;
import dev.kontextbot.core.rules.ParsedCommand.StartOver;
import dev.kontextbot.core.rules.ParsedCommand.Undo;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    static Stream<Arguments> phrasings() {
        return Stream.of(
                // undo / redo
                of("undo", new Undo()),
                of("/undo", new Undo()),
                of("Undo!", new Undo()),
                of("please undo that", new Undo()),
                of("undo the last edit", new Undo()),
                of("go back", new Undo()),
                of("Go back, please.", new Undo()),
                of("revert", new Undo()),
                of("ctrl+z", new Undo()),
                of("redo", new Redo()),
                of("/REDO", new Redo()),
                of("redo that please", new Redo()),
                of("go forward", new Redo()),
                // versions
                of("v3", new GoTo("v3")),
                of("V12", new GoTo("v12")),
                of("v 3", new GoTo("v3")),
                of("go to version 3", new GoTo("3")),
                of("version 2", new GoTo("2")),
                of("back to 2", new GoTo("2")),
                of("show me v4", new GoTo("v4")),
                of("switch to #5", new GoTo("5")),
                of("3", new GoTo("3")),
                of("the original", new GoTo("original")),
                of("show me the original", new GoTo("original")),
                // an area before the edit keeps it an edit (the region is read later)
                of("only the top-left quarter: make the sky red",
                        new Instruction("only the top-left quarter: make the sky red", Settings.none())),
                // picking one of the last variations
                of("pick 2", new ParsedCommand.Pick(2)),
                of("/pick 3", new ParsedCommand.Pick(3)),
                of("choose number 1", new ParsedCommand.Pick(1)),
                of("pick the second one", new ParsedCommand.Pick(2)),
                of("use the third one please", new ParsedCommand.Pick(3)),
                of("Use the second.", new ParsedCommand.Pick(2)),
                of("use the first one", new GoTo("original")),
                of("use 2", new GoTo("2")),
                of("original", new GoTo("original")),
                of("go back to the original image", new GoTo("original")),
                of("go back to the first one", new GoTo("original")),
                of("back to the beginning", new GoTo("original")),
                of("the previous one", new GoTo("previous")),
                of("go back to the previous version", new GoTo("previous")),
                // history
                of("history", new History()),
                of("/history", new History()),
                of("show history", new History()),
                of("show me the history please", new History()),
                of("list versions", new History()),
                of("what have we done so far?", new History()),
                // start over, cancel, forget, help
                of("start over", new StartOver()),
                of("/new", new StartOver()),
                of("reset", new StartOver()),
                of("Let's start again", new StartOver()),
                of("cancel", new Cancel()),
                of("stop", new Cancel()),
                of("/cancel", new Cancel()),
                of("please cancel that", new Cancel()),
                of("never mind", new Cancel()),
                of("forget me", new Forget()),
                of("/forget", new Forget()),
                of("forget everything", new Forget()),
                of("delete my data", new Forget()),
                of("help", new Help()),
                of("/help", new Help()),
                of("/start", new Help()),
                of("/help@KontextBot", new Help()),
                of("what can you do?", new Help()),
                of("?", new Help()),
                // issue 19: greetings and thanks get a short answer that asks what to change, not the help
                of("hi", new Answer(AnswerTopic.GREETING)),
                of("Thanks!", new Answer(AnswerTopic.THANKS)),
                of("Hi there!", new Answer(AnswerTopic.GREETING)),
                of("/frobnicate now", new Help()),
                of("", new Help()),
                // retry
                of("try again", new Retry()),
                of("another one", new Retry()),
                of("reroll", new Retry()),
                of("different seed", new Retry()),
                of("/retry", new Retry()),
                of("one more time please", new Retry()),
                // one tool call per turn: a command keeps its meaning, settings given with it are not applied
                of("try again with 40 steps", new Retry()),
                // references
                of("use this as the character", new SetReference(Kind.CHARACTER)),
                of("Use this image as my character reference", new SetReference(Kind.CHARACTER)),
                of("this is my character", new SetReference(Kind.CHARACTER)),
                of("/ref", new SetReference(Kind.CHARACTER)),
                of("make it in the style of this", new SetReference(Kind.STYLE)),
                of("use this as the style", new SetReference(Kind.STYLE)),
                of("copy this style", new SetReference(Kind.STYLE)),
                of("/style", new SetReference(Kind.STYLE)),
                of("clear the character", new ClearReference(Kind.CHARACTER)),
                of("remove the style reference", new ClearReference(Kind.STYLE)),
                of("forget the style", new ClearReference(Kind.STYLE)),
                of("/style off", new ClearReference(Kind.STYLE)),
                of("no character", new ClearReference(Kind.CHARACTER)),
                // settings alone
                of("seed 42", settings(null, null, 42L, null)),
                of("/seed 7", settings(null, null, 7L, null)),
                of("steps 30", settings(30, null, null, null)),
                of("30 steps", settings(30, null, null, null)),
                of("use 20 steps", settings(20, null, null, null)),
                of("guidance 3", settings(null, 3.0, null, null)),
                of("guidance: 2.5", settings(null, 2.5, null, null)),
                of("set seed to 1234 and steps to 40", settings(40, null, 1234L, null)),
                of("random seed", settings(null, null, Settings.RANDOM_SEED, null)),
                of("aspect ratio 16:9", settings(null, null, null, "16:9")),
                // instructions, with and without settings
                of("make it red with 30 steps, seed 4", instruction("make it red", settings(30, null, 4L, null))),
                of("make her smile", instruction("make her smile", Settings.none())),
                of("Add sunglasses, guidance 3.5", instruction("Add sunglasses", settings(null, 3.5, null, null))),
                of("a cat on a sofa in 16:9", instruction("a cat on a sofa", settings(null, null, null, "16:9"))),
                of("make the sign say undo", instruction("make the sign say undo", Settings.none())),
                of("add a history book", instruction("add a history book", Settings.none())),
                of("cancel the red color", instruction("cancel the red color", Settings.none())),
                of("stop smiling", instruction("stop smiling", Settings.none())),
                of("add 3 steps to the porch", instruction("add 3 steps to the porch", Settings.none())),
                of("add a clock showing in 3:15", instruction("add a clock showing in 3:15", Settings.none())),
                of("make the seed packet green", instruction("make the seed packet green", Settings.none())),
                of("go back to the beach in the background",
                        instruction("go back to the beach in the background", Settings.none())),
                of("make it in the style of Van Gogh", instruction("make it in the style of Van Gogh", Settings.none())),
                of("/edit make it blue", instruction("make it blue", Settings.none())),
                of("change the sign to 'seed 42' with 20 steps",
                        instruction("change the sign to 'seed 42'", settings(20, null, null, null))),
                of("change the sign to 'UNDO'", instruction("change the sign to 'UNDO'", Settings.none())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("phrasings")
    void parsesPhrasing(String text, ParsedCommand expected) {
        assertThat(parser.parse(text)).isEqualTo(expected);
    }

    private static Arguments of(String text, ParsedCommand expected) {
        return Arguments.of(text, expected);
    }

    private static Instruction instruction(String text, Settings overrides) {
        return new Instruction(text, overrides);
    }

    private static Settings settings(Integer steps, Double guidance, Long seed, String aspect) {
        return new Settings(
                steps == null ? OptionalInt.empty() : OptionalInt.of(steps),
                guidance == null ? OptionalDouble.empty() : OptionalDouble.of(guidance),
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                Optional.ofNullable(aspect));
    }
}

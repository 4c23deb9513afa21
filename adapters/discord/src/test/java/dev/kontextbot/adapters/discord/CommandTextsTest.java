package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.core.rules.CommandParser;
import dev.kontextbot.core.rules.ParsedCommand;
import dev.kontextbot.core.rules.ParsedCommand.Instruction;
import dev.kontextbot.core.rules.ParsedCommand.Kind;
import dev.kontextbot.core.rules.ParsedCommand.Settings;
import dev.kontextbot.core.rules.PlannedToolCall;
import dev.kontextbot.core.rules.ToolCallPlanner;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every command's text, read by the real rule parser of bot-core. */
class CommandTextsTest {

    private final CommandTexts texts = new CommandTexts();
    private final CommandParser parser = new CommandParser();

    private ParsedCommand parse(String command, CommandArguments args) {
        return parser.parse(texts.text(command, args));
    }

    private static CommandArguments strings(Map<String, String> strings) {
        return new CommandArguments(strings, Map.of(), Map.of());
    }

    @Test
    void editWithSeedAndSteps() {
        CommandArguments args = new CommandArguments(Map.of("instruction", "make the sky blue"),
                Map.of("seed", 42L, "steps", 20L), Map.of());
        assertThat(texts.text("edit", args)).isEqualTo("/edit make the sky blue, steps 20, seed 42");
        assertThat(parse("edit", args)).isEqualTo(new Instruction("make the sky blue",
                new Settings(OptionalInt.of(20), OptionalDouble.empty(), OptionalLong.of(42), Optional.empty())));
    }

    @Test
    void editWhoseInstructionLooksLikeACommandStaysAnEdit() {
        assertThat(parse("edit", strings(Map.of("instruction", "undo")))).isEqualTo(new Instruction("undo",
                Settings.none()));
        assertThat(parse("edit", strings(Map.of("instruction", "change the sign to 'seed 42'"))))
                .isEqualTo(new Instruction("change the sign to 'seed 42'", Settings.none()));
    }

    @Test
    void imagineWithAndWithoutAspect() {
        assertThat(parse("imagine", strings(Map.of("prompt", "a lighthouse at dusk", "aspect", "16:9"))))
                .isEqualTo(new Instruction("a lighthouse at dusk", new Settings(OptionalInt.empty(),
                        OptionalDouble.empty(), OptionalLong.empty(), Optional.of("16:9"))));
        assertThat(parse("imagine", strings(Map.of("prompt", "a lighthouse at dusk"))))
                .isEqualTo(new Instruction("a lighthouse at dusk", Settings.none()));
        for (String aspect : DiscordCommands.ASPECTS) {
            assertThat(((Instruction) parse("imagine", strings(Map.of("prompt", "a cat", "aspect", aspect))))
                    .overrides().aspect()).contains(aspect);
        }
    }

    @Test
    void regionBecomesAnEditLimitedToTheArea() {
        CommandArguments quarter = strings(Map.of("area", "top-left quarter", "instruction", "add a bird"));
        assertThat(texts.text("region", quarter)).isEqualTo("/region top-left quarter add a bird");
        PlannedToolCall call = new ToolCallPlanner().plan(parse("region", quarter), false);
        assertThat(call.toolName()).isEqualTo("edit_region");
        assertThat(call.arguments()).containsEntry("instruction", "add a bird").containsKey("area");

        CommandArguments box = strings(Map.of("area", " 100,150,300,200 ", "instruction", "make the sign red"));
        PlannedToolCall pixels = new ToolCallPlanner().plan(parse("region", box), false);
        assertThat(pixels.toolName()).isEqualTo("edit_region");
        assertThat(pixels.arguments()).containsEntry("instruction", "make the sign red")
                .containsEntry("area", "100,150,300,200");
    }

    @Test
    void plainCommands() {
        assertThat(parse("undo", CommandArguments.none())).isInstanceOf(ParsedCommand.Undo.class);
        assertThat(parse("redo", CommandArguments.none())).isInstanceOf(ParsedCommand.Redo.class);
        assertThat(parse("history", CommandArguments.none())).isInstanceOf(ParsedCommand.History.class);
        assertThat(parse("reset", CommandArguments.none())).isInstanceOf(ParsedCommand.StartOver.class);
        assertThat(parse("cancel", CommandArguments.none())).isInstanceOf(ParsedCommand.Cancel.class);
        assertThat(parse("help", CommandArguments.none())).isInstanceOf(ParsedCommand.Help.class);
    }

    @Test
    void referenceKinds() {
        assertThat(parse("reference", strings(Map.of("kind", "character"))))
                .isEqualTo(new ParsedCommand.SetReference(Kind.CHARACTER));
        assertThat(parse("reference", strings(Map.of("kind", "style"))))
                .isEqualTo(new ParsedCommand.SetReference(Kind.STYLE));
    }

    @Test
    void settingsEveryOption() {
        CommandArguments args = new CommandArguments(Map.of("aspect", "3:4"), Map.of("steps", 30L, "seed", 7L),
                Map.of("guidance", 3.5));
        assertThat(parse("settings", args)).isEqualTo(new Settings(OptionalInt.of(30), OptionalDouble.of(3.5),
                OptionalLong.of(7), Optional.of("3:4")));
        assertThat(parse("settings", new CommandArguments(Map.of(), Map.of("seed", -1L), Map.of("guidance", 2.0))))
                .isEqualTo(new Settings(OptionalInt.empty(), OptionalDouble.of(2.0),
                        OptionalLong.of(Settings.RANDOM_SEED), Optional.empty()));
    }

    @Test
    void settingsWithoutOptionsAsksToSeeThem() {
        assertThat(texts.text("settings", CommandArguments.none())).isEqualTo("/settings");
        // The rule mode has no "show settings"; it answers with the help rather than changing anything.
        assertThat(parse("settings", CommandArguments.none())).isInstanceOf(ParsedCommand.Help.class);
    }

    @Test
    void modalInstructionIsAnEdit() {
        assertThat(parser.parse(texts.editInstruction("  add a red scarf, seed 9 "))).isEqualTo(new Instruction(
                "add a red scarf", new Settings(OptionalInt.empty(), OptionalDouble.empty(), OptionalLong.of(9),
                        Optional.empty())));
        assertThat(parser.parse(texts.editInstruction("history"))).isEqualTo(new Instruction("history",
                Settings.none()));
    }

    @Test
    void everyRegisteredSlashCommandHasAText() {
        DiscordCommands.standard().commands().stream()
                .filter(c -> c.type() == DiscordCommands.CommandType.CHAT_INPUT)
                .forEach(c -> assertThat(texts.text(c.name(), strings(Map.of("instruction", "x", "prompt", "x"))))
                        .as(c.name()).isNotBlank());
        assertThatThrownBy(() -> texts.text("dance", CommandArguments.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/dance");
    }
}

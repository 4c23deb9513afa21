package dev.kontextbot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.core.rules.ParsedCommand.Undo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The language data file: a command word is one more line; a bad line is an error that names it. */
class IntentRulesTest {

    private static String english() throws IOException {
        try (InputStream in = IntentRules.class.getResourceAsStream("en.rules")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void oneMoreLineIsOneMoreCommandWord() throws IOException {
        CommandParser shipped = new CommandParser();
        CommandParser extended = new CommandParser(IntentRules.parse("en", english() + "\ncommand.undo = whoops\n"));

        assertThat(shipped.parse("whoops")).isNotInstanceOf(Undo.class);
        assertThat(extended.parse("whoops")).isEqualTo(new Undo());
        assertThat(extended.parse("please whoops, thanks")).isEqualTo(new Undo());
    }

    @Test
    void aBadLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> IntentRules.parse("xx", "# comment\ncommand.undo = undo(\n"))
                .hasMessageContaining("xx.rules line 2");
        assertThatThrownBy(() -> IntentRules.parse("xx", "just words\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> IntentRules.parse("xx", "command.undo = {missing} it\n"))
                .hasMessageContaining("{missing} is not defined above");
    }

    @Test
    void anUnknownCommandNameOrAMissingLanguageIsRefused() throws IOException {
        assertThatThrownBy(() -> new CommandParser(IntentRules.parse("en", english() + "\ncommand.fly = fly\n")))
                .hasMessageContaining("unknown command: fly");
        assertThatThrownBy(() -> IntentRules.load("zz")).hasMessageContaining("No rules for language 'zz'");
    }

    @Test
    void everyTopicHasAnEnglishAnswer() {
        Answers answers = Answers.load("en");

        for (AnswerTopic topic : AnswerTopic.values()) {
            assertThat(answers.text(topic, java.util.Map.of())).as(topic.key()).isNotBlank();
        }
        assertThat(answers.text(AnswerTopic.DURATION, java.util.Map.of("duration", "7 seconds", "steps", "28")))
                .contains("7 seconds").contains("28 steps");
    }
}

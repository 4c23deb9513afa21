package dev.kontextbot.adapters.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.core.chat.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptLineAndPrinterTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void quitQuitAndExitAloneOnALineLeaveTheChat() {
        assertThat(List.of("/quit", "quit", " Exit ", "QUIT", "/exit")).allMatch(ConsoleAdapter::isLeaveWord);
        assertThat(List.of("quit smoking sign", "exit sign in red", "/quitter", "help", "/image quit.png"))
                .noneMatch(ConsoleAdapter::isLeaveWord);
    }

    @Test
    void scriptLinesAreTextSlashImageOrJson(@TempDir Path dir) throws Exception {
        ScriptLine text = ScriptLine.parse("  make it red ", dir, json);
        assertThat(text.text()).isEqualTo("make it red");
        assertThat(text.images()).isEmpty();

        ScriptLine image = ScriptLine.parse("/image cat.png add a hat", dir, json);
        assertThat(image.images()).containsExactly(dir.resolve("cat.png"));
        assertThat(image.text()).isEqualTo("add a hat");

        ScriptLine object = ScriptLine.parse("{\"text\": \"undo\", \"images\": [\"a.png\", \"b.png\"], \"reply_to\": \"v-7\"}",
                dir, json);
        assertThat(object.text()).isEqualTo("undo");
        assertThat(object.images()).containsExactly(dir.resolve("a.png"), dir.resolve("b.png"));
        assertThat(object.replyTo()).contains("v-7");

        assertThatThrownBy(() -> ScriptLine.parse("{\"text\": ", dir, json))
                .isInstanceOf(ScriptLine.InvalidLineException.class).hasMessageStartingWith("That line looks like JSON");
        assertThatThrownBy(() -> ScriptLine.parse("/image", dir, json))
                .hasMessage("Usage: /image PATH [what to change]");
    }

    @Test
    void jsonRepliesFollowTheContractAndImagesAreWritten(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        ReplyPrinter printer = new ReplyPrinter(new PrintWriter(out), true, dir, json);
        printer.print(new Reply.Image("c0ffee-2", Optional.of("c0ffee-1"), 2, new byte[] {1, 2, 3}, 1184, 880,
                "v2 · Make the sky blue", List.of(), true, Optional.of("job-1")));
        printer.print(new Reply.Text("hello"));
        printer.print(new Reply.Progress("job-1", 3, 28, Duration.ofSeconds(5), Optional.empty()));
        printer.print(new Reply.Error("nothing_to_undo", "Nothing to undo."));

        List<JsonNode> lines = out.toString().lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(lines).hasSize(4);
        JsonNode image = lines.get(0);
        assertThat(image.path("type").asText()).isEqualTo("image");
        assertThat(image.path("version").asText()).isEqualTo("c0ffee-2");
        assertThat(image.path("parent").asText()).isEqualTo("c0ffee-1");
        assertThat(image.path("width").asInt()).isEqualTo(1184);
        assertThat(image.path("height").asInt()).isEqualTo(880);
        assertThat(Files.readAllBytes(Path.of(image.path("path").asText()))).containsExactly(1, 2, 3);
        assertThat(lines.get(1).path("text").asText()).isEqualTo("hello");
        assertThat(lines.get(2).path("step").asInt()).isEqualTo(3);
        assertThat(lines.get(2).path("steps").asInt()).isEqualTo(28);
        assertThat(lines.get(3).path("code").asText()).isEqualTo("nothing_to_undo");
    }
}

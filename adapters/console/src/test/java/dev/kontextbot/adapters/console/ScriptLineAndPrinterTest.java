package dev.kontextbot.adapters.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
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

    private static Reply.Variations twoVariations() {
        return new Reply.Variations(List.of(
                new Reply.Variations.Variation(1, "c0ffee-3", 3, new byte[] {3}, 640, 480,
                        new ReplyAction(ActionKind.PICK, "p.c0ffee-3", "Pick 1")),
                new Reply.Variations.Variation(2, "c0ffee-4", 4, new byte[] {4}, 640, 480,
                        new ReplyAction(ActionKind.PICK, "p.c0ffee-4", "Pick 2"))),
                new byte[] {9, 9}, 1304, 496, "2 variations: 1 is v3, 2 is v4. 2 (v4) is current. To keep another, "
                + "say 'pick 1' to 'pick 2'", false, Optional.of("job-2"));
    }

    @Test
    void variationsWriteEachPictureAndTheGridAndSayHowToPick(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        new ReplyPrinter(new PrintWriter(out), true, dir, json).print(twoVariations());

        JsonNode line = json.readTree(out.toString().strip());
        assertThat(line.path("type").asText()).isEqualTo("variations");
        assertThat(Files.readAllBytes(Path.of(line.path("grid").asText()))).containsExactly(9, 9);
        JsonNode items = line.path("variations");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).path("versionNumber").asInt()).isEqualTo(4);
        assertThat(items.get(1).path("pick").asText()).isEqualTo("pick 2");
        assertThat(Files.readAllBytes(Path.of(items.get(0).path("path").asText()))).containsExactly(3);
        assertThat(Path.of(items.get(1).path("path").asText()).getFileName().toString()).isEqualTo("v4-c0ffee-4.png");

        StringWriter human = new StringWriter();
        new ReplyPrinter(new PrintWriter(human), false, dir, json).print(twoVariations());
        assertThat(human.toString()).contains("2 variations (grid → " + dir.resolve("variations-v3-v4.png"))
                .contains("1: v3 640x480 → " + dir.resolve("v3-c0ffee-3.png"))
                .contains("2: v4 640x480 → " + dir.resolve("v4-c0ffee-4.png"))
                .contains("say 'pick 1' to 'pick 2'");
    }
}

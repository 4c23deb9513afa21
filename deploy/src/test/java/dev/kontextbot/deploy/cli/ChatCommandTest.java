package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.core.testing.TestPictures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code kontextbot chat --script --json} on a fresh data folder: no LLM, the embedded Redis, the stand-in model.
 * Edit a 640x480 picture, edit again, undo, redo, history.
 */
@Tag("integration")
class ChatCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    /** Each family's stand-in (issue 26): Kontext edits at the 1184x880 bucket, klein at the picture's own 640x480. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"kontext, 1184, 880", "klein, 640, 480"})
    void aScriptedConversationBuildsTheRightTreeAtTheFamilysSize(String family, int width, int height,
                                                                @TempDir Path dir) throws IOException {
        Files.write(dir.resolve("photo.png"), TestPictures.png(640, 480));
        Path script = dir.resolve("script.txt");
        Files.writeString(script, """
                {"text": "make the sky blue", "images": ["photo.png"]}
                now add sunglasses
                undo
                redo
                history
                """);
        Path out = dir.resolve("out");

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", dir.resolve("data").toString(),
                "EMBEDDED_REDIS_PORT", "0", "KONTEXT_STEPS", "2", "KONTEXT_FAMILY", family),
                "chat", "--script", script.toString(), "--json", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> images = new ArrayList<>();
        List<JsonNode> texts = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            JsonNode node = json.readTree(line);
            assertThat(node.path("type").asText()).isIn("image", "text", "progress", "error", "file");
            if (node.path("type").asText().equals("image")) {
                images.add(node);
            } else if (node.path("type").asText().equals("text")) {
                texts.add(node);
            }
        }
        assertThat(images).hasSize(4);
        JsonNode first = images.get(0);
        JsonNode second = images.get(1);
        assertThat(first.path("width").asInt()).isEqualTo(width);
        assertThat(first.path("height").asInt()).isEqualTo(height);
        assertThat(first.path("parent").isNull()).isFalse();
        assertThat(second.path("parent").asText()).isEqualTo(first.path("version").asText());
        assertThat(images.get(2).path("version").asText()).as("undo shows v2 again")
                .isEqualTo(first.path("version").asText());
        assertThat(images.get(3).path("version").asText()).as("redo shows v3 again")
                .isEqualTo(second.path("version").asText());
        assertThat(Path.of(second.path("path").asText())).exists();
        assertThat(ImageIO.read(Path.of(second.path("path").asText()).toFile()).getWidth()).isEqualTo(width);
        assertThat(texts).anySatisfy(t -> assertThat(t.path("text").asText())
                .startsWith("Versions:").contains("v1", "v2 (from v1)", "→ v3 (from v2)"));
    }

    @Test
    void aPlainScriptedChatShowsOnlyTheConversationAndLeavesAtQuit(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("script.txt");
        Files.writeString(script, """
                a red bicycle on a beach
                quit
                make it green
                """);
        Path data = dir.resolve("data");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        CliRunner.Result result;
        // The loggers write to the process's own streams; the conversation goes to the command's writers.
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", data.toString(), "EMBEDDED_REDIS_PORT", "0",
                    "KONTEXT_STEPS", "2"), "chat", "--script", script.toString(), "--out", dir.resolve("out").toString());
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("🖼 v1").doesNotContain("🖼 v2").doesNotContain(" INFO ");
        assertThat(result.err()).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).as("nothing but the conversation on stdout").isEmpty();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("no log lines on stderr").doesNotContain(" INFO ");
        assertThat(data.resolve("logs/chat.log")).as("the log went to the data folder instead")
                .content().contains(" INFO ").containsPattern("Job \\S+ stored");
        try (var pictures = Files.list(dir.resolve("out"))) {
            assertThat(pictures).as("the line after quit was not sent").hasSize(1);
        }
    }

    @Test
    void aDataFolderThatCannotHoldTheLogIsAPlainConfigurationError(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("data"), "a file where the data folder should be");
        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", notAFolder.toString()), "chat");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Cannot write the chat's log to", "KONTEXT_DATA_DIR")
                .doesNotContain("Exception");
    }

    @Test
    void helpSaysWhereTheLogGoesAndHowToLeave() {
        CliRunner.Result result = CliRunner.run(Map.of(), "chat", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.all()).contains("KONTEXT_DATA_DIR/logs/chat.log").contains("/quit");
    }

    @Test
    void joinsTheEmbeddedRedisOfARunningBot(@TempDir Path dir) throws IOException {
        try (RedisServerProcess running = RedisServerProcess.start(
                new RedisServerProcess.Options(dir.resolve("run-redis"), 0, true))) {
            Path script = dir.resolve("script.txt");
            Files.writeString(script, "a red bicycle on a beach\n");
            CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", dir.resolve("data").toString(),
                    "EMBEDDED_REDIS_PORT", Integer.toString(running.port()), "KONTEXT_STEPS", "2"),
                    "chat", "--script", script.toString(), "--json", "--out", dir.resolve("out").toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("\"type\":\"image\"");
            assertThat(dir.resolve("data").resolve("redis")).as("no Redis of its own").doesNotExist();
            try (UnifiedJedis client = RedisConnector.open(running.url())) {
                assertThat(client.keys("kb:{console*")).as("the conversation lives in the running bot's Redis")
                        .isNotEmpty();
            }
        }
    }
}

package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 in a fresh terminal conversation ({@code kontextbot chat --script --json}, no LLM): a picture with
 * "here is my cat", a question about the steps and "thanks!" are answered and queue nothing; a sequenced request
 * then runs as two edits.
 */
@Tag("integration")
class ChatTalkTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void talkIsAnsweredAndOnlyTheEditRuns(@TempDir Path dir) throws IOException {
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("cat.png").toFile());
        Path script = dir.resolve("script.txt");
        Files.writeString(script, """
                {"text": "here is my cat", "images": ["cat.png"]}
                how many steps do you use?
                thanks!
                first make it night, after that add a full moon
                """);

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", dir.resolve("data").toString(),
                "EMBEDDED_REDIS_PORT", "0", "KONTEXT_STEPS", "2"),
                "chat", "--script", script.toString(), "--json", "--out", dir.resolve("out").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> images = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            JsonNode node = json.readTree(line);
            assertThat(node.path("type").asText()).as(line).isNotEqualTo("error");
            if (node.path("type").asText().equals("image")) {
                images.add(node);
            } else if (node.path("type").asText().equals("text")) {
                texts.add(node.path("text").asText());
            }
        }
        assertThat(texts).contains("Nice picture! What should I change?", "You're welcome! Anything else to change?");
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("Settings: 2 steps"));
        assertThat(texts).filteredOn(t -> t.equals("Working on it.") || t.startsWith("Queued:"))
                .as("one job: the two-part edit").hasSize(1);
        assertThat(images).as("the kept picture, then the last version of the two-part job").hasSize(2);
        assertThat(images.get(1).path("caption").asText()).contains("v3").contains("Add a full moon");
    }
}

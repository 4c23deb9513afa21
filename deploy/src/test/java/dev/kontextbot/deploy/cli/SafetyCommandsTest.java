package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.inference.model.StandInClassifierWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/**
 * The safety promises at the command line: a flagged picture is refused in {@code chat --script --json} and a clean
 * one edited, {@code edit} writes its recipe into the PNG, and {@code doctor} fails a public bot with no classifier.
 */
@Tag("integration")
class SafetyCommandsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static void picture(Path file, int rgbOf) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, rgbOf == 0 ? (x * 255 / 320) << 16 | (y * 255 / 240) << 8 | 0x40 : rgbOf);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void aFlaggedPictureIsRefusedInTheTerminalChatAndACleanOneIsEdited(@TempDir Path dir) throws IOException {
        new StandInClassifierWriter().write(dir.resolve("classifier"));
        picture(dir.resolve("red.png"), 0xF00A14);
        picture(dir.resolve("photo.png"), 0);
        Path script = dir.resolve("script.txt");
        Files.writeString(script, """
                {"text": "make the sky purple", "images": ["red.png"]}
                {"text": "make the sky purple", "images": ["photo.png"]}
                """);

        CliRunner.Result result = CliRunner.run(Map.of("KONTEXT_DATA_DIR", dir.resolve("data").toString(),
                "EMBEDDED_REDIS_PORT", "0", "KONTEXT_STEPS", "2",
                "SAFETY_MODEL_DIR", dir.resolve("classifier").toString()),
                "chat", "--script", script.toString(), "--json", "--out", dir.resolve("out").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> replies = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            replies.add(json.readTree(line));
        }
        List<JsonNode> errors = replies.stream().filter(r -> r.path("type").asText().equals("error")).toList();
        List<JsonNode> images = replies.stream().filter(r -> r.path("type").asText().equals("image")).toList();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.toString()).contains("picture_refused").contains("isn't allowed here")
                    .doesNotContainIgnoringCase("nsfw").doesNotContain("0.99");
        });
        assertThat(images).as("only the clean picture was edited").singleElement()
                .satisfies(i -> assertThat(i.path("parent").isNull()).isFalse());
        int refusal = replies.indexOf(errors.getFirst());
        assertThat(replies.subList(0, refusal)).noneMatch(r -> r.path("type").asText().equals("image"));
    }

    @Test
    void editWritesTheRecipeIntoThePng(@TempDir Path dir) throws Exception {
        CliRunner.Result standIn = CliRunner.run(Map.of(), "models", "stand-in", dir.resolve("model").toString());
        assertThat(standIn.exitCode()).as(standIn.err()).isZero();
        Path out = dir.resolve("sky.png");

        CliRunner.Result result = CliRunner.run(Map.of(), "edit", "--model", dir.resolve("model").toString(),
                "--prompt", "make the sky purple", "--seed", "4242", "--steps", "2", "--guidance", "3.5",
                "--width", "256", "--height", "256", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, String> text = textChunks(Files.readAllBytes(out));
        assertThat(text.get("parameters")).startsWith("make the sky purple\n").contains("Seed: 4242", "Steps: 2",
                "Guidance: 3.5", "Size: 256x256", "Model: stand-in (not FLUX.1 Kontext [dev])");
        assertThat(text.get("Software")).startsWith("KontextBot ");
        assertThat(text).containsEntry("AI-Generated", "true");
    }

    @Test
    void doctorFailsAPublicBotWithoutAClassifierAndPassesOneWithIt(@TempDir Path dir) throws IOException {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        CliRunner.Result missing = CliRunner.run(Map.of("TELEGRAM_BOT_TOKEN", token,
                "KONTEXT_DATA_DIR", dir.toString(), "REDIS_URL", "redis://127.0.0.1:1"), "doctor");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.out()).containsPattern("(?m)^FAIL\\s+safety\\s+No safety classifier is installed")
                .contains("license").contains("SAFETY_MODEL_DIR").contains("SAFETY_MODE=off");

        CliRunner.Result off = CliRunner.run(Map.of("TELEGRAM_BOT_TOKEN", token, "SAFETY_MODE", "off",
                "KONTEXT_DATA_DIR", dir.toString(), "REDIS_URL", "redis://127.0.0.1:1"), "doctor");
        assertThat(off.out()).containsPattern("(?m)^WARN\\s+safety\\s+off \\(SAFETY_MODE=off\\)")
                .doesNotContainPattern("(?m)^FAIL\\s+safety");

        new StandInClassifierWriter().write(dir.resolve("classifier"));
        CliRunner.Result installed = CliRunner.run(Map.of("TELEGRAM_BOT_TOKEN", token,
                "SAFETY_MODEL_DIR", dir.resolve("classifier").toString(),
                "KONTEXT_DATA_DIR", dir.toString(), "REDIS_URL", "redis://127.0.0.1:1"), "doctor");
        assertThat(installed.out()).containsPattern("(?m)^OK\\s+safety\\s+classifier .*labels \\[normal, nsfw\\]")
                .containsPattern("(?m)^OK\\s+terms\\s+\\d+ terms \\(built-in lists\\)");

        CliRunner.Result wrongLabel = CliRunner.run(Map.of("TELEGRAM_BOT_TOKEN", token, "SAFETY_LABELS", "porn",
                "SAFETY_MODEL_DIR", dir.resolve("classifier").toString(),
                "KONTEXT_DATA_DIR", dir.toString(), "REDIS_URL", "redis://127.0.0.1:1"), "doctor");
        assertThat(wrongLabel.out()).containsPattern("(?m)^FAIL\\s+safety\\s+SAFETY_LABELS names \\[porn\\]");
    }

    @Test
    void runStartsWithOneWarningWhenAPublicBotHasNoClassifierUnlessScreeningIsOffOnPurpose(@TempDir Path dir) {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        // A missing model ends the run right after the start-up lines, which is all this test needs.
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", token, "KONTEXT_DATA_DIR", dir.toString(),
                "EMBEDDED_REDIS_PORT", "0", "KONTEXT_MODEL_DIR", "/nonexistent");
        CliRunner.Result warned = CliRunner.run(env, "run");
        assertThat(warned.err().lines().filter(l -> l.startsWith("WARNING: No safety classifier")).count())
                .isEqualTo(1);
        assertThat(warned.err()).contains("license").contains("SAFETY_MODEL_DIR").contains("SAFETY_MODE=off");

        Map<String, String> off = new java.util.HashMap<>(env);
        off.put("SAFETY_MODE", "off");
        assertThat(CliRunner.run(off, "run").err()).doesNotContain("WARNING");
        Map<String, String> noChat = new java.util.HashMap<>(env);
        noChat.remove("TELEGRAM_BOT_TOKEN");
        assertThat(CliRunner.run(noChat, "run").err()).doesNotContain("WARNING");
    }

    static Map<String, String> textChunks(byte[] png) throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                    if (e.getNodeName().equals("tEXtEntry") || e.getNodeName().equals("iTXtEntry")) {
                        var a = e.getAttributes();
                        text.put(a.getNamedItem("keyword").getNodeValue(), a.getNamedItem(
                                e.getNodeName().equals("tEXtEntry") ? "value" : "text").getNodeValue());
                    }
                }
            }
            reader.dispose();
        }
        return text;
    }
}

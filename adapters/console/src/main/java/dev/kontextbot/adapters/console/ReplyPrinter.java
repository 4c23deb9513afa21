package dev.kontextbot.adapters.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kontextbot.core.chat.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints replies: readable lines for a person, or one JSON object per line with {@code --json}. Images are written
 * under the output folder as {@code v<number>-<id>.png}; a set of variations also writes its grid picture.
 */
final class ReplyPrinter {

    private final PrintWriter out;
    private final boolean json;
    private final Path outDir;
    private final ObjectMapper mapper;

    ReplyPrinter(PrintWriter out, boolean json, Path outDir, ObjectMapper mapper) {
        this.out = out;
        this.json = json;
        this.outDir = outDir;
        this.mapper = mapper;
    }

    synchronized void print(Reply reply) {
        switch (reply) {
            case Reply.Text text -> emit(node("text").put("text", text.text()), text.text());
            case Reply.Image image -> printImage(image);
            case Reply.Variations variations -> printVariations(variations);
            case Reply.Queued queued -> emit(node("text").put("text", queuedText(queued)), queuedText(queued));
            case Reply.Progress progress -> emit(node("progress").put("step", progress.step())
                    .put("steps", progress.steps()), "… step " + progress.step() + " of " + progress.steps());
            case Reply.File file -> printFile(file);
            case Reply.Error error -> emit(node("error").put("code", error.code()).put("message", error.message()),
                    "⚠ " + error.message());
        }
    }

    private static String queuedText(Reply.Queued queued) {
        return queued.ahead() == 0
                ? "Working on it."
                : "Queued: " + queued.ahead() + " job(s) ahead, about " + queued.eta().toSeconds() + " s.";
    }

    private void printImage(Reply.Image image) {
        Path file = write("v" + image.versionNumber() + "-" + image.versionId() + ".png", image.png());
        ObjectNode node = node("image")
                .put("version", image.versionId())
                .put("number", image.versionNumber())
                .put("path", file.toString())
                .put("width", image.width())
                .put("height", image.height())
                .put("caption", image.caption());
        if (image.parentVersionId().isPresent()) {
            node.put("parent", image.parentVersionId().get());
        } else {
            node.putNull("parent");
        }
        emit(node, "🖼 v" + image.versionNumber() + " " + image.width() + "x" + image.height() + " → " + file
                + System.lineSeparator() + "  " + image.caption().replace("\n", "\n  "));
    }

    /**
     * Each variation's file as {@code v<number>-<id>.png} (as any result), the grid as
     * {@code variations-v<first>-v<last>.png}, and how to pick one.
     */
    private void printVariations(Reply.Variations variations) {
        List<Reply.Variations.Variation> set = variations.variations();
        Path grid = write("variations-v" + set.getFirst().versionNumber() + "-v" + set.getLast().versionNumber()
                + ".png", variations.gridPng());
        ObjectNode node = node("variations").put("grid", grid.toString()).put("caption", variations.caption());
        ArrayNode items = node.putArray("variations");
        StringBuilder human = new StringBuilder("🖼 " + set.size() + " variations (grid → " + grid + ")");
        for (Reply.Variations.Variation v : set) {
            Path file = write("v" + v.versionNumber() + "-" + v.versionId() + ".png", v.png());
            items.addObject().put("number", v.number()).put("version", v.versionId())
                    .put("versionNumber", v.versionNumber()).put("path", file.toString()).put("width", v.width())
                    .put("height", v.height()).put("pick", "pick " + v.number());
            human.append(System.lineSeparator()).append("  ").append(v.number()).append(": v")
                    .append(v.versionNumber()).append(' ').append(v.width()).append('x').append(v.height())
                    .append(" → ").append(file);
        }
        // The caption says which is current and how to pick ("pick 2").
        human.append(System.lineSeparator()).append("  ").append(variations.caption().replace("\n", "\n  "));
        emit(node, human.toString());
    }

    private Path write(String fileName, byte[] bytes) {
        Path file = outDir.resolve(fileName);
        try {
            Files.createDirectories(outDir);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void printFile(Reply.File file) {
        Path path = write(file.fileName(), file.bytes());
        emit(node("file").put("path", path.toString()).put("caption", file.caption()), "📎 " + path);
    }

    private ObjectNode node(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private void emit(ObjectNode node, String human) {
        if (json) {
            try {
                out.println(mapper.writeValueAsString(node));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.println(human);
        }
        out.flush();
    }
}

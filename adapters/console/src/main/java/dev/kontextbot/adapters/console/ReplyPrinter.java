package dev.kontextbot.adapters.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kontextbot.core.chat.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints replies: readable lines for a person, or one JSON object per line with {@code --json}. Images are written
 * under the output folder as {@code v<number>-<id>.png}.
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
        Path file = outDir.resolve("v" + image.versionNumber() + "-" + image.versionId() + ".png");
        try {
            Files.createDirectories(outDir);
            Files.write(file, image.png());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private void printFile(Reply.File file) {
        Path path = outDir.resolve(file.fileName());
        try {
            Files.createDirectories(outDir);
            Files.write(path, file.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

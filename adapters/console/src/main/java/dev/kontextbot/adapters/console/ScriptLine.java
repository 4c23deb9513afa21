package dev.kontextbot.adapters.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message typed or read from a script: plain text, {@code /image PATH [text]}, or a JSON object
 * {@code {"text": ..., "images": [paths], "reply_to": id}}. Relative image paths resolve against {@code baseDir}.
 */
record ScriptLine(String text, List<Path> images, Optional<String> replyTo) {

    static ScriptLine parse(String line, Path baseDir, ObjectMapper json) throws InvalidLineException {
        String trimmed = line.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode node = json.readTree(trimmed);
                List<Path> images = new ArrayList<>();
                for (JsonNode image : node.path("images")) {
                    images.add(baseDir.resolve(image.asText()));
                }
                JsonNode reply = node.path("reply_to");
                Optional<String> replyTo = reply.isMissingNode() || reply.isNull()
                        ? Optional.empty() : Optional.of(reply.asText());
                return new ScriptLine(node.path("text").asText(""), images, replyTo);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidLineException("That line looks like JSON but is not valid JSON: "
                        + e.getOriginalMessage());
            }
        }
        if (trimmed.startsWith("/image ") || trimmed.equals("/image")) {
            String rest = trimmed.substring("/image".length()).strip();
            if (rest.isEmpty()) {
                throw new InvalidLineException("Usage: /image PATH [what to change]");
            }
            int space = rest.indexOf(' ');
            String path = space < 0 ? rest : rest.substring(0, space);
            String text = space < 0 ? "" : rest.substring(space + 1).strip();
            return new ScriptLine(text, List.of(baseDir.resolve(path)), Optional.empty());
        }
        return new ScriptLine(trimmed, List.of(), Optional.empty());
    }

    static final class InvalidLineException extends Exception {
        InvalidLineException(String message) {
            super(message);
        }
    }
}

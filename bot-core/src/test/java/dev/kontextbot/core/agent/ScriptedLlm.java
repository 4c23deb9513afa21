package dev.kontextbot.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decisions of a scripted language model behind the fake servers: given the last message of a request, a tool
 * call or a text answer. {@link #byCommand()} is the script most tests use: a user message "call NAME {json}" is
 * answered with that tool call, a tool result is echoed back as the answer, anything else gets a short text.
 */
public final class ScriptedLlm {

    /** The last message of a chat request: its role (system, user, assistant, tool) and its text parts joined. */
    public record LastMessage(String role, String text) {
    }

    /** What the scripted model answers. */
    public sealed interface Answer {
    }

    public record ToolCall(String name, Map<String, Object> arguments) implements Answer {
    }

    public record Text(String text) implements Answer {
    }

    public static final String SMALL_TALK = "I can edit pictures; tell me what to change.";

    private static final Pattern CALL = Pattern.compile("(?s)\\s*call\\s+(\\w+)\\s*(\\{.*})?\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedLlm() {
    }

    /** "call NAME {json}" -> that tool call; a tool result -> echoed; anything else -> {@link #SMALL_TALK}. */
    public static Function<LastMessage, Answer> byCommand() {
        return last -> {
            if (last.role().equals("tool")) {
                return new Text(last.text());
            }
            Matcher m = CALL.matcher(last.text());
            if (last.role().equals("user") && m.lookingAt()) {
                return new ToolCall(m.group(1), m.group(2) == null ? Map.of() : arguments(m.group(2)));
            }
            return new Text(SMALL_TALK);
        };
    }

    /** The same tool call for every user message; tool results are echoed. */
    public static Function<LastMessage, Answer> always(String tool, Map<String, Object> arguments) {
        return last -> last.role().equals("tool") ? new Text(last.text()) : new ToolCall(tool, arguments);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> arguments(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A scripted call needs JSON arguments: " + json, e);
        }
    }
}

package dev.kontextbot.core.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One tool call the rule-based mode decided on: a tool name and its arguments, in order. */
public record PlannedToolCall(String toolName, Map<String, Object> arguments) {
    public PlannedToolCall {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }
}

package dev.kontextbot.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * An Ollama server for tests, as its API describes {@code POST /api/chat}: the request has {@code model},
 * {@code messages} (each with {@code role}, {@code content} and optional {@code images}, base64) and {@code tools};
 * the answer is one object with {@code message} ({@code content}, or {@code tool_calls} whose
 * {@code function.arguments} is a JSON OBJECT, not a string) and {@code done: true}.
 */
public final class FakeOllamaServer extends FakeLlmServer {

    public FakeOllamaServer(Function<ScriptedLlm.LastMessage, ScriptedLlm.Answer> script) {
        super("/api/chat", script);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Options for the Ollama client against this server: model "test-model", no key, 5 s timeout. */
    public LlmOptions options(boolean vision) {
        return new LlmOptions(LlmOptions.Provider.OLLAMA, Optional.of(baseUrl()), Optional.of("test-model"),
                Optional.empty(), Duration.ofSeconds(5), vision);
    }

    @Override
    protected ObjectNode response(JsonNode request, ScriptedLlm.Answer answer) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.path("model").asText());
        body.put("created_at", "2026-11-27T12:00:00.000000Z");
        ObjectNode message = body.putObject("message");
        message.put("role", "assistant");
        switch (answer) {
            case ScriptedLlm.Text t -> message.put("content", t.text());
            case ScriptedLlm.ToolCall call -> {
                message.put("content", "");
                ObjectNode function = message.putArray("tool_calls").addObject().putObject("function");
                function.put("name", call.name());
                function.set("arguments", json.valueToTree(call.arguments()));
            }
        }
        body.put("done", true);
        body.put("done_reason", "stop");
        body.put("total_duration", 1_000_000L);
        body.put("prompt_eval_count", 10);
        body.put("eval_count", 5);
        return body;
    }
}

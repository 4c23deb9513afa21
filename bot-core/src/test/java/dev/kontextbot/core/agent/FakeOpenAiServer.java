package dev.kontextbot.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible server for tests, as the public API describes {@code POST /v1/chat/completions}: the request
 * has {@code model}, {@code messages} (roles system, user, assistant, tool) and {@code tools} (function schemas);
 * the answer is {@code choices[0].message} with {@code content} or {@code tool_calls}
 * ({@code {id, type: "function", function: {name, arguments}}}, the arguments a JSON string) and a
 * {@code finish_reason}.
 */
public final class FakeOpenAiServer extends FakeLlmServer {

    private final AtomicInteger ids = new AtomicInteger();

    public FakeOpenAiServer(Function<ScriptedLlm.LastMessage, ScriptedLlm.Answer> script) {
        super("/v1/chat/completions", script);
    }

    /** The base URL for {@code LlmOptions}: the client appends {@code /chat/completions}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Options for the OpenAI client against this server: model "test-model", key "sk-test", 5 s timeout. */
    public LlmOptions options(boolean vision) {
        return options(baseUrl(), vision);
    }

    /** The same options against any base URL (an unreachable one, say). */
    public static LlmOptions options(String baseUrl, boolean vision) {
        return new LlmOptions(LlmOptions.Provider.OPENAI, Optional.of(baseUrl), Optional.of("test-model"),
                Optional.of("sk-test"), Duration.ofSeconds(5), vision);
    }

    @Override
    protected ObjectNode response(JsonNode request, ScriptedLlm.Answer answer) {
        int n = ids.incrementAndGet();
        ObjectNode body = json.createObjectNode();
        body.put("id", "chatcmpl-" + n);
        body.put("object", "chat.completion");
        body.put("created", 1_780_000_000L);
        body.put("model", request.path("model").asText());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        switch (answer) {
            case ScriptedLlm.Text t -> {
                message.put("content", t.text());
                choice.put("finish_reason", "stop");
            }
            case ScriptedLlm.ToolCall call -> {
                message.putNull("content");
                ArrayNode calls = message.putArray("tool_calls");
                ObjectNode c = calls.addObject();
                c.put("id", "call_" + n);
                c.put("type", "function");
                ObjectNode function = c.putObject("function");
                function.put("name", call.name());
                function.put("arguments", json.valueToTree(call.arguments()).toString());
                choice.put("finish_reason", "tool_calls");
            }
        }
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", 10);
        usage.put("completion_tokens", 5);
        usage.put("total_tokens", 15);
        return body;
    }
}

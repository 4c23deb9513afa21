package dev.kontextbot.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server that plays a language model for one API path: it records each request (body and headers)
 * and answers from a {@link ScriptedLlm} script. Subclasses speak one wire format.
 */
public abstract class FakeLlmServer implements AutoCloseable {

    /** One request as received. */
    public record Recorded(JsonNode body, Headers headers) {
    }

    protected final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final String path;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<ScriptedLlm.LastMessage, ScriptedLlm.Answer> script;
    private volatile int failStatus;
    private volatile long delayMillis;

    protected FakeLlmServer(String path, Function<ScriptedLlm.LastMessage, ScriptedLlm.Answer> script) {
        this.path = path;
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        // Requests run in parallel, so one slow answer does not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void script(Function<ScriptedLlm.LastMessage, ScriptedLlm.Answer> script) {
        this.script = script;
    }

    /** From now on every request is answered with this HTTP status and an error body (0: answer normally). */
    public void failWith(int status) {
        this.failStatus = status;
    }

    /** From now on every answer waits this long first (a slow or overloaded model). */
    public void delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        return requests.getLast();
    }

    /** The role and text of the last message of a request; OpenAI and Ollama both send a "messages" array. */
    protected ScriptedLlm.LastMessage lastMessage(JsonNode request) {
        JsonNode last = request.path("messages").get(request.path("messages").size() - 1);
        return new ScriptedLlm.LastMessage(last.path("role").asText(), text(last.path("content")));
    }

    /** The response body for an answer, in this wire format. */
    protected abstract ObjectNode response(JsonNode request, ScriptedLlm.Answer answer);

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = json.readTree(in);
            }
            requests.add(new Recorded(request, exchange.getRequestHeaders()));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (failStatus > 0) {
                send(exchange, failStatus, "{\"error\":{\"message\":\"refused\",\"type\":\"test\"}}");
                return;
            }
            ScriptedLlm.Answer answer = script.apply(lastMessage(request));
            send(exchange, 200, json.writeValueAsString(response(request, answer)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The text of a message's content: a plain string, or the text parts of a content array joined. */
    public static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                out.append(out.isEmpty() ? "" : " ").append(part.path("text").asText());
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

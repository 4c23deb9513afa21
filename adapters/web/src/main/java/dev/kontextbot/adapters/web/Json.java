package dev.kontextbot.adapters.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.Map;

/** Reads and writes the API's JSON with one mapper. Values are plain maps and lists, so no Jackson modules are needed. */
final class Json {
    private final ObjectMapper mapper = new ObjectMapper();

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding failed", e);
        }
    }

    void respond(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(write(value));
    }

    void respond(Context ctx, Object value) {
        respond(ctx, 200, value);
    }

    void error(Context ctx, ApiException e) {
        respond(ctx, e.status(), Map.of("error", e.code(), "message", e.getMessage()));
    }

    /** The request body as a JSON object, or a 400 in plain words. */
    JsonNode readObject(Context ctx) {
        try {
            JsonNode node = mapper.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("bad_json", "The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("bad_json", "The request body is not valid JSON.");
        }
    }
}

package dev.kontextbot.adapters.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Answers an interaction Javacord could not even construct (issue #1198: a channel type it does not cache), straight
 * through Discord's interaction callback endpoint, which needs only the interaction's id and token, no bot token.
 */
final class UncachedChannelResponder {

    static final URI DISCORD_API = URI.create("https://discord.com/api/v10/");
    /** Discord's "channel message with source" callback and the ephemeral flag. */
    private static final int CHANNEL_MESSAGE = 4;
    private static final int EPHEMERAL = 64;

    private final HttpClient http;
    private final URI base;
    private final ObjectMapper json = new ObjectMapper();

    UncachedChannelResponder(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** @return the HTTP status Discord answered */
    int respond(String interactionId, String token, String message) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("type", CHANNEL_MESSAGE);
        ObjectNode data = body.putObject("data");
        data.put("content", message);
        data.put("flags", EPHEMERAL);
        data.putObject("allowed_mentions").putArray("parse");
        URI uri = base.resolve("interactions/" + segment(interactionId) + "/" + segment(token) + "/callback");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .header("User-Agent", "DiscordBot (https://github.com/kontextbot, 0.1) KontextBot")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

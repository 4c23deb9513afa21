package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.javacord.api.DiscordApi;
import org.javacord.api.util.concurrent.ThreadPool;
import org.javacord.core.DiscordApiImpl;
import org.javacord.core.util.gateway.DiscordWebSocketAdapter;
import org.javacord.core.util.gateway.PacketHandler;
import org.javacord.core.util.handler.interaction.InteractionCreateHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Javacord dies on interactions from channel types it does not cache; the guard answers them over HTTP. */
@Tag("integration")
class UncachedChannelGuardTest {

    private record Call(String path, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer discord;
    private UncachedChannelResponder responder;

    @BeforeEach
    void start() throws Exception {
        discord = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        discord.createContext("/api/v10/", exchange -> {
            calls.add(new Call(exchange.getRequestURI().getPath(), json.readTree(new String(
                    exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        discord.start();
        responder = new UncachedChannelResponder(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + discord.getAddress().getPort() + "/api/v10/"));
    }

    @AfterEach
    void stop() {
        discord.stop(0);
    }

    private JsonNode packet() throws Exception {
        return json.readTree("{\"id\":\"1234\",\"token\":\"aW50ZXJhY3Rpb24\",\"type\":2,\"channel_id\":\"42\","
                + "\"channel\":{\"type\":13}}");
    }

    @Test
    void anAssertionErrorInJavacordIsAnsweredEphemerallyInPlainWords() throws Exception {
        UncachedChannelGuard.handle(packet(), p -> {
            throw new AssertionError("unknown channel type");
        }, responder);
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/api/v10/interactions/1234/aW50ZXJhY3Rpb24/callback");
            assertThat(call.body().get("type").asInt()).isEqualTo(4);
            assertThat(call.body().at("/data/content").asText()).isEqualTo(InteractionFlow.UNSUPPORTED_CHANNEL);
            assertThat(call.body().at("/data/flags").asInt()).isEqualTo(64);
            assertThat(call.body().at("/data/allowed_mentions/parse")).isEmpty();
        });
    }

    @Test
    void interactionsJavacordHandlesAreLeftToIt() throws Exception {
        List<JsonNode> handled = new CopyOnWriteArrayList<>();
        UncachedChannelGuard.handle(packet(), handled::add, responder);
        assertThat(handled).hasSize(1);
        assertThat(calls).isEmpty();
    }

    @Test
    void installReplacesJavacordsInteractionHandlerInItsHandlerMap() throws Exception {
        DiscordApiImpl api = mock(DiscordApiImpl.class);
        DiscordWebSocketAdapter socket = mock(DiscordWebSocketAdapter.class);
        when(api.getWebSocketAdapter()).thenReturn(socket);
        ThreadPool threads = mock(ThreadPool.class);
        when(api.getThreadPool()).thenReturn(threads);
        Map<String, PacketHandler> handlers = new HashMap<>();
        Field field = DiscordWebSocketAdapter.class.getDeclaredField("handlers");
        field.setAccessible(true);
        field.set(socket, handlers);

        assertThat(UncachedChannelGuard.install(api, responder)).isTrue();
        assertThat(handlers.get("INTERACTION_CREATE")).isInstanceOf(InteractionCreateHandler.class)
                .extracting(h -> h.getClass().getEnclosingClass()).isEqualTo(UncachedChannelGuard.class);
    }

    @Test
    void installOnAnotherDiscordApiLogsAndLeavesIt() {
        assertThat(UncachedChannelGuard.install(mock(DiscordApi.class), responder)).isFalse();
    }

    @Test
    void aPacketWithoutATokenCannotBeAnswered() throws Exception {
        UncachedChannelGuard.handle(json.readTree("{\"id\":\"1\"}"), p -> {
            throw new AssertionError("x");
        }, responder);
        assertThat(calls).isEmpty();
    }
}

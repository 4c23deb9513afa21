package dev.kontextbot.adapters.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A Discord on loopback for tests: REST v10 (the routes a bot uses: users/@me, gateway/bot, application commands,
 * interaction callbacks, webhook messages with multipart files, channel messages, direct-message channels, a CDN
 * route) and the gateway over WebSocket (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME, dispatched
 * events). Every REST request is recorded with its time, its JSON payload and its files; a test can queue a
 * failure (413 / 40005, 429 with retry_after, 50027) for the next request that matches.
 */
public final class FakeDiscord implements AutoCloseable {

    /** One REST request as the fake received it. */
    public record Request(Instant at, String method, String path, JsonNode json, List<Upload> files) {
        public boolean is(String method, String pathPattern) {
            return this.method.equals(method) && path.matches(pathPattern);
        }
    }

    /** A file part of a multipart request. */
    public record Upload(String fileName, String contentType, byte[] bytes) {
        public boolean isPng() {
            return bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        }
    }

    /** A canned answer for the next request that matches. */
    public record Failure(Predicate<Request> matches, int status, String body) {
    }

    public static final String API = "/api/v10";
    public static final long APPLICATION_ID = 4_100_000_000_000_000L;
    public static final long BOT_ID = 4_200_000_000_000_000L;
    public static final long GUILD_ID = 4_300_000_000_000_000L;
    public static final long CHANNEL_ID = 4_400_000_000_000_000L;
    public static final long NSFW_CHANNEL_ID = 4_400_000_000_000_001L;
    public static final long USER_ID = 4_500_000_000_000_000L;
    public static final long ADMIN_ROLE_ID = 4_600_000_000_000_000L;
    public static final String USER_NAME = "alice";
    public static final String USER_GLOBAL_NAME = "Alice Liddell";

    private final ObjectMapper json = new ObjectMapper();
    private final Payloads payloads;
    private final Javalin app;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();
    private final Map<String, byte[]> cdn = new ConcurrentHashMap<>();
    /** The original response of each interaction token keeps one message id, as on Discord. */
    private final Map<String, Long> originals = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<Request> onRequest = r -> { };
    private final Map<Request, Long> answeredIds = new ConcurrentHashMap<>();
    private final List<ObjectNode> dispatched = new CopyOnWriteArrayList<>();
    /** Discord's epoch for snowflakes (2015-01-01): JDA reads an interaction's age from its id. */
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final List<String> gatewayOps = new CopyOnWriteArrayList<>();
    private volatile WsContext session;
    private volatile int port;

    public FakeDiscord() {
        payloads = new Payloads(json);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get(API + "/users/@me", ctx -> answer(ctx, payloads.user(BOT_ID, "kontextbot", "KontextBot", true)));
            config.routes.get(API + "/gateway/bot", ctx -> answer(ctx, json.createObjectNode().put("url", gatewayUrl())
                    .put("shards", 1).set("session_start_limit", json.createObjectNode().put("total", 1000)
                            .put("remaining", 1000).put("reset_after", 0).put("max_concurrency", 1))));
            config.routes.get(API + "/gateway", ctx -> answer(ctx, json.createObjectNode().put("url", gatewayUrl())));
            config.routes.put(API + "/applications/{app}/commands", this::commands);
            config.routes.put(API + "/applications/{app}/guilds/{guild}/commands", this::commands);
            config.routes.post(API + "/interactions/{id}/{token}/callback", this::callback);
            config.routes.patch(API + "/webhooks/{app}/{token}/messages/{message}", ctx -> message(ctx, CHANNEL_ID));
            config.routes.post(API + "/webhooks/{app}/{token}", ctx -> message(ctx, CHANNEL_ID));
            config.routes.delete(API + "/webhooks/{app}/{token}/messages/{message}", ctx -> empty(ctx));
            config.routes.post(API + "/channels/{channel}/messages", ctx -> message(ctx,
                    Long.parseLong(ctx.pathParam("channel"))));
            config.routes.patch(API + "/channels/{channel}/messages/{message}", ctx -> message(ctx,
                    Long.parseLong(ctx.pathParam("channel"))));
            config.routes.delete(API + "/channels/{channel}/messages/{message}", ctx -> empty(ctx));
            config.routes.post(API + "/users/@me/channels", ctx -> {
                record(ctx);
                long recipient = json.readTree(ctx.body()).path("recipient_id").asLong();
                ctx.json(payloads.directChannel(recipient + 1, recipient));
            });
            config.routes.get("/cdn/{id}/{name}", ctx -> {
                record(ctx);
                byte[] bytes = cdn.get(ctx.pathParam("id"));
                if (bytes == null) {
                    ctx.status(404);
                } else {
                    ctx.contentType("application/octet-stream").result(bytes);
                }
            });
            config.routes.ws("/gateway", ws -> {
                ws.onConnect(ctx -> {
                    ctx.session.setIdleTimeout(Duration.ofMinutes(5));
                    session = ctx;
                    ctx.send(json.writeValueAsString(json.createObjectNode().put("op", 10).putNull("s").putNull("t")
                            .set("d", json.createObjectNode().put("heartbeat_interval", 41_250))));
                });
                ws.onMessage(ctx -> gateway(ctx, json.readTree(ctx.message())));
            });
        });
        app.start("127.0.0.1", 0);
        port = app.port();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + port + API;
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + port + "/gateway";
    }

    public Payloads payloads() {
        return payloads;
    }

    /** Serves {@code bytes} on the CDN route and returns its signed URL (with Discord's ?ex=&is=&hm= query). */
    public String upload(String fileName, byte[] bytes) {
        String id = Long.toString(nextId());
        cdn.put(id, bytes);
        return "http://127.0.0.1:" + port + "/cdn/" + id + "/" + fileName + "?ex=6750a1b2&is=674f5032&hm=0f1e2d3c";
    }

    /** A fresh snowflake: the current time in its upper bits, as Discord makes them. */
    public long nextId() {
        return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (ids.incrementAndGet() & 0x3FFFFF);
    }

    /** Answers the next matching request with {@code status} and {@code body} instead of serving it. */
    public void failNext(String method, String pathPattern, int status, String body) {
        failNext(r -> r.is(method, pathPattern), status, body);
    }

    public void failNext(Predicate<Request> matches, int status, String body) {
        failures.add(new Failure(matches, status, body));
    }

    /** Discord's JSON error body: {@code {"message": ..., "code": ...}}. */
    public static String error(int code, String message) {
        return "{\"message\":\"" + message + "\",\"code\":" + code + "}";
    }

    /** Called with each request as it arrives, before it is answered (a test's clock can move then). */
    public void onRequest(java.util.function.Consumer<Request> listener) {
        this.onRequest = listener;
    }

    /** Discord's 429 with {@code retry_after} seconds, for the next matching request. */
    public void rateLimitNext(String method, String pathPattern, double retryAfterSeconds) {
        failNext(method, pathPattern, 429, "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                + retryAfterSeconds + ",\"global\":false}");
    }

    /** Sends a dispatch (op 0) on the gateway; kept for a RESUME to replay. */
    public void dispatch(String type, JsonNode data) {
        ObjectNode event = json.createObjectNode().put("op", 0).put("s", sequence.incrementAndGet()).put("t", type);
        event.set("d", data);
        dispatched.add(event);
        send(event);
    }

    /** Drops the gateway connection as Discord does when it restarts a node (close code 4000: resume allowed). */
    public void disconnect() {
        WsContext current = session;
        if (current != null) {
            session = null;
            current.closeSession(4000, "fake restart");
        }
    }

    /** The gateway ops the bot sent, in order ("IDENTIFY", "RESUME", "HEARTBEAT"). */
    public List<String> gatewayOps() {
        return List.copyOf(gatewayOps);
    }

    /** The id of the message a send or edit request created or changed. */
    public long messageId(Request request) {
        // The request is recorded a moment before it is answered.
        Instant deadline = Instant.now().plusSeconds(5);
        Long id = answeredIds.get(request);
        while (id == null && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            id = answeredIds.get(request);
        }
        if (id == null) {
            throw new IllegalArgumentException("not an answered message request: " + request.path());
        }
        return id;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    /** The first {@code count} requests that match, once there are that many; fails after {@code timeout}. */
    public List<Request> awaitAll(Predicate<Request> which, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Request> found = requests(which);
            if (found.size() >= count) {
                return found.subList(0, count);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("no such request within " + timeout.toSeconds() + " s; the fake saw:\n"
                + String.join("\n", requests().stream().map(r -> r.method() + " " + r.path() + " "
                + abbreviated(r.json().toString())).toList()));
    }

    public Request await(Predicate<Request> which, Duration timeout) {
        return awaitAll(which, 1, timeout).getFirst();
    }

    /** A send or edit that carries a result picture (named {@code kontext-v*}). */
    public static boolean result(Request r) {
        return r.files().stream().anyMatch(f -> f.fileName().startsWith("kontext-v"));
    }

    /** The custom id of the button labelled {@code label} in a sent message. */
    public static String button(Request sent, String label) {
        for (JsonNode row : sent.json().path("components")) {
            for (JsonNode button : row.path("components")) {
                if (label.equals(button.path("label").asText())) {
                    return button.path("custom_id").asText();
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + sent.json());
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    public boolean connected() {
        return session != null;
    }

    @Override
    public void close() {
        app.stop();
    }

    private void gateway(WsContext ctx, JsonNode message) throws IOException {
        int op = message.path("op").asInt();
        switch (op) {
            case 1 -> {
                gatewayOps.add("HEARTBEAT");
                ctx.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
            }
            case 2 -> {
                gatewayOps.add("IDENTIFY");
                dispatch("READY", payloads.ready(gatewayUrl()));
                dispatch("GUILD_CREATE", payloads.guild());
            }
            case 6 -> {
                gatewayOps.add("RESUME");
                long after = message.path("d").path("seq").asLong();
                for (ObjectNode event : dispatched) {
                    if (event.path("s").asLong() > after) {
                        ctx.send(json.writeValueAsString(event));
                    }
                }
                ObjectNode resumed = json.createObjectNode().put("op", 0).put("s", sequence.incrementAndGet())
                        .put("t", "RESUMED");
                resumed.set("d", json.createObjectNode());
                ctx.send(json.writeValueAsString(resumed));
            }
            default -> gatewayOps.add("op " + op);
        }
    }

    private void send(JsonNode event) {
        WsContext current = session;
        if (current == null) {
            return;
        }
        try {
            current.send(json.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commands(Context ctx) throws IOException {
        if (failed(record(ctx), ctx)) {
            return;
        }
        ArrayNode registered = (ArrayNode) json.readTree(ctx.body());
        registered.forEach(c -> ((ObjectNode) c).put("id", Long.toString(nextId()))
                .put("application_id", Long.toString(APPLICATION_ID)).put("version", "1"));
        ctx.json(registered);
    }

    /** With {@code with_response=true} Discord returns the deferred message, which becomes the original response. */
    private void callback(Context ctx) {
        Request request = record(ctx);
        if (failed(request, ctx)) {
            return;
        }
        ObjectNode resource = json.createObjectNode().put("type", request.json().path("type").asInt());
        if (resource.path("type").asInt() == 5) {
            long id = originals.computeIfAbsent(ctx.pathParam("token"), t -> nextId());
            resource.set("message", payloads.botMessage(id, CHANNEL_ID, json.createObjectNode().put("content", ""),
                    List.of()).put("flags", 128));
        }
        ctx.json(json.createObjectNode().set("resource", resource));
    }

    /** The message id of the original response of {@code token}, once Discord made it. */
    public java.util.OptionalLong originalId(String token) {
        Long id = originals.get(token);
        return id == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(id);
    }

    private void message(Context ctx, long channelId) {
        Request request = record(ctx);
        if (failed(request, ctx)) {
            return;
        }
        String messageId = ctx.pathParamMap().get("message");
        long id;
        if (messageId == null) {
            id = nextId();
        } else if ("@original".equals(messageId)) {
            id = originals.computeIfAbsent(ctx.pathParam("token"), t -> nextId());
        } else {
            id = Long.parseLong(messageId);
        }
        answeredIds.put(request, id);
        ctx.json(payloads.botMessage(id, channelId, request.json(), request.files()));
    }

    private void empty(Context ctx) {
        if (!failed(record(ctx), ctx)) {
            ctx.status(204);
        }
    }

    private void answer(Context ctx, JsonNode body) {
        if (!failed(record(ctx), ctx)) {
            ctx.json(body);
        }
    }

    private boolean failed(Request request, Context ctx) {
        for (Failure failure : failures) {
            if (failure.matches().test(request) && failures.remove(failure)) {
                ctx.status(failure.status()).contentType("application/json").result(failure.body());
                if (failure.status() == 429) {
                    ctx.header("Retry-After", "1").header("X-RateLimit-Scope", "user");
                }
                return true;
            }
        }
        return false;
    }

    private Request record(Context ctx) {
        JsonNode body = json.nullNode();
        List<Upload> files = new ArrayList<>();
        try {
            String type = Optional.ofNullable(ctx.contentType()).orElse("");
            if (type.startsWith("multipart/")) {
                String payload = ctx.formParam("payload_json");
                body = payload == null ? json.nullNode() : json.readTree(payload);
                ctx.uploadedFiles().forEach(f -> {
                    try (var in = f.content()) {
                        files.add(new Upload(f.filename(), f.contentType(), in.readAllBytes()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } else if (!ctx.body().isBlank()) {
                body = json.readTree(ctx.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String path = ctx.path().startsWith(API) ? ctx.path().substring(API.length()) : ctx.path();
        Request request = new Request(Instant.now(), ctx.method().name(), path, body, List.copyOf(files));
        requests.add(request);
        onRequest.accept(request);
        return request;
    }
}

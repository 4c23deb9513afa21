package dev.kontextbot.adapters.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives webhook updates: Telegram POSTs one Update as JSON per request, with the secret given to setWebhook in
 * the {@code X-Telegram-Bot-Api-Secret-Token} header. Built on the JDK's HttpServer because TelegramBots' webhook
 * module stops at 9.5.0 and must not be mixed with 10.x. The update is handed on and answered with 200 at once;
 * the slow work happens elsewhere. Telegram sends an update again when it did not see the 200 in time, so the
 * last {@value #REMEMBERED} update ids are remembered and a repeat is answered 200 without being handed on. A body
 * that does not arrive within the read timeout (a client that stalls) is answered 408 and its connection closed.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final int MAX_BODY = 1024 * 1024;
    static final int REMEMBERED = 4096;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final InetSocketAddress bind;
    private final String path;
    private final byte[] secret;
    private final Consumer<Update> updates;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Duration readTimeout;
    private final Set<Long> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private HttpServer server;
    private ExecutorService executor;

    WebhookReceiver(InetSocketAddress bind, String path, String secret, Consumer<Update> updates) {
        this(bind, path, secret, updates, READ_TIMEOUT);
    }

    WebhookReceiver(InetSocketAddress bind, String path, String secret, Consumer<Update> updates,
                    Duration readTimeout) {
        this.readTimeout = readTimeout;
        this.bind = bind;
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.updates = updates;
    }

    void start() throws IOException {
        server = HttpServer.create(bind, 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(path, this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405);
                return;
            }
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                respond(exchange, 401);
                return;
            }
            byte[] body = readWithin(exchange);
            if (body == null) {
                respond(exchange, 408);
                return;
            }
            if (body.length > MAX_BODY) {
                respond(exchange, 413);
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                LOG.warn("Webhook body is not an Update: {}", e.getClass().getSimpleName());
                respond(exchange, 400);
                return;
            }
            respond(exchange, 200);
            if (update.getUpdateId() != null && !remember(update.getUpdateId())) {
                LOG.debug("Update {} arrived again; already handled", update.getUpdateId());
                return;
            }
            updates.accept(update);
        }
    }

    /** True the first time an update id is seen. */
    private boolean remember(long updateId) {
        synchronized (seen) {
            return seen.add(updateId);
        }
    }

    /** The body, or null when it did not arrive within the read timeout (the stream is closed then). */
    private byte[] readWithin(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        Future<byte[]> read = executor.submit(() -> in.readNBytes(MAX_BODY + 1));
        try {
            return read.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Answered 408; closing the exchange then drops the connection and ends the blocked read.
            LOG.warn("A webhook request sent no complete body within {}; dropped it", readTimeout);
            return null;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
        }
    }
}

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives webhook updates: Telegram POSTs one Update as JSON per request, with the secret given to setWebhook in
 * the {@code X-Telegram-Bot-Api-Secret-Token} header. Built on the JDK's HttpServer because TelegramBots' webhook
 * module stops at 9.5.0 and must not be mixed with 10.x. The update is handed on and answered with 200 at once;
 * the slow work happens elsewhere.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final int MAX_BODY = 1024 * 1024;

    private final InetSocketAddress bind;
    private final String path;
    private final byte[] secret;
    private final Consumer<Update> updates;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private HttpServer server;
    private ExecutorService executor;

    WebhookReceiver(InetSocketAddress bind, String path, String secret, Consumer<Update> updates) {
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
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
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
            updates.accept(update);
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

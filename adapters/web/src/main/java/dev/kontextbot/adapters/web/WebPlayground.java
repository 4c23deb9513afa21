package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.chat.ConversationViews;
import dev.kontextbot.core.chat.ConversationViews.ConversationViewException;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.ReviewDesk;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web playground: the page (static assets from the jar), its JSON and Server-Sent-Events API, and the operations
 * endpoints, on one Javalin server. It is the "web" chat platform of the bot: one conversation per browser session.
 */
public final class WebPlayground {
    /** Often enough that proxies and Jetty's idle timeout keep a quiet event stream open. */
    static final long HEARTBEAT_SECONDS = 15;
    /** Room for the multipart envelope and the text field around the picture. */
    static final long MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebPlayground.class);

    private final WebOptions options;
    private final KontextBot bot;
    private final BotHealth health;
    private final PrometheusMeterRegistry registry;
    private final Json json = new Json();
    private final SessionStreams streams;
    private final BrowserSessions sessions;
    private final ReplyJson replyJson = new ReplyJson();
    private final SessionReplies replies;
    private final CrossSiteGuard crossSite = new CrossSiteGuard();
    private final ConversationEndpoints conversation;
    private final ReviewEndpoints review;

    private Javalin app;
    private ScheduledExecutorService heartbeat;
    private Gauge clientsGauge;

    public WebPlayground(WebOptions options, KontextBot bot, ConversationViews views, BotHealth health,
                         PrometheusMeterRegistry registry) {
        this(options, bot, views, health, registry, Optional.empty());
    }

    /** With the admins' review desk behind the admin token (the page is /review.html). */
    public WebPlayground(WebOptions options, KontextBot bot, ConversationViews views, BotHealth health,
                         PrometheusMeterRegistry registry, Optional<ReviewDesk> reviewDesk) {
        this(options, bot, views, health, registry, reviewDesk, Clock.systemUTC());
    }

    /** On {@code clock} for the session count (tests move it past the times that make room). */
    WebPlayground(WebOptions options, KontextBot bot, ConversationViews views, BotHealth health,
                  PrometheusMeterRegistry registry, Optional<ReviewDesk> reviewDesk, Clock clock) {
        this.review = new ReviewEndpoints(reviewDesk, json);
        this.options = options;
        this.bot = bot;
        this.health = health;
        this.registry = registry;
        this.streams = new SessionStreams(Clock.systemUTC(), options.maxStreams());
        this.sessions = new BrowserSessions(options.maxSessions(), clock);
        this.replies = new SessionReplies(streams, replyJson, json, sessions);
        this.conversation = new ConversationEndpoints(views, sessions, replyJson, json);
    }

    /**
     * Starts serving and registers the "web" platform with the bot.
     *
     * @throws UnsafeBindException when the bind is reachable from other machines and no token is set
     */
    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("The web playground is already running.");
        }
        boolean loopback = options.loopback();
        if (!loopback && options.token().isEmpty()) {
            throw new UnsafeBindException(options.bind());
        }
        AccessGuard guard = new AccessGuard(options.token(), options.adminToken(), loopback,
                new WrongTokenThrottle(Clock.systemUTC()), json);
        Uploads uploads = new Uploads(options.maxUploadBytes());
        ChatEndpoints chat = new ChatEndpoints(bot, sessions, replies, streams, uploads, json);
        OpsEndpoints ops = new OpsEndpoints(bot, health, registry, guard, json);

        app = Javalin.create(config -> configure(config, guard, chat, ops));
        app.start(options.host(), options.port());
        bot.register(new WebChatPlatform(replies));
        clientsGauge = Gauge.builder("kontextbot.web.sse.clients", streams, SessionStreams::clientCount)
                .description("Browser event streams connected to the web playground").register(registry);
        heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("web-playground-heartbeat").factory());
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        log.info("Web playground on {} ({}; review API {})", uri(),
                guard.tokenRequired() ? "token required" : "no login, loopback only",
                options.adminToken().isPresent() ? "behind the admin token" : "off");
    }

    public synchronized void stop() {
        if (app == null) {
            return;
        }
        heartbeat.shutdownNow();
        streams.closeAll();
        app.stop();
        registry.remove(clientsGauge);
        app = null;
    }

    /** The port it listens on (the real one when the bind asked for port 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("The web playground is not running.");
        }
        return app.port();
    }

    /** The late-reply side, as the bot's delivery uses it (tests publish through it). */
    SessionReplies replies() {
        return replies;
    }

    /** Where a browser on this machine opens the playground. */
    public URI uri() {
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    private void configure(JavalinConfig config, AccessGuard guard, ChatEndpoints chat, OpsEndpoints ops) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.http.maxRequestSize = options.maxUploadBytes() + MULTIPART_OVERHEAD_BYTES;
        config.jetty.multipartConfig.maxFileSize(options.maxUploadBytes() + MULTIPART_OVERHEAD_BYTES, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(options.maxUploadBytes() + 2 * MULTIPART_OVERHEAD_BYTES, SizeUnit.BYTES);
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        config.routes.before(ctx -> {
            crossSite.check(ctx);
            guard.check(ctx);
            if (ctx.path().equals("/api/events")) {
                streams.checkRoom();
            }
            // The review API is the admins', not a visitor's: it makes no session.
            if (ctx.path().equals("/") || ctx.path().startsWith("/api/") && !AccessGuard.reviewPath(ctx.path())) {
                sessions.sessionId(ctx);
            }
        });
        config.routes.post(AccessGuard.LOGIN_PATH, guard::login);
        config.routes.post(AccessGuard.ADMIN_LOGIN_PATH, guard::adminLogin);
        config.routes.exception(ApiException.class, (e, ctx) -> json.error(ctx, e));
        config.routes.exception(ConversationViewException.class, (e, ctx) -> json.error(ctx, ViewErrors.toApi(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                json.error(ctx, new ApiException(e.getStatus(), "http_" + e.getStatus(), e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.warn("Web request {} {} failed", ctx.method(), ctx.path(), e);
            json.error(ctx, new ApiException(500, "internal", "Something went wrong on my side; please try again."));
        });
        chat.addTo(config.routes);
        conversation.addTo(config.routes);
        ops.addTo(config.routes);
        review.addTo(config.routes);
    }

    private void beat() {
        try {
            streams.heartbeat();
        } catch (RuntimeException e) {
            log.warn("Event stream heartbeat failed", e);
        }
    }
}

package dev.kontextbot.adapters.web;

import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.chat.BotInfo;
import dev.kontextbot.core.chat.KontextBot;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness, readiness, Prometheus metrics, and the facts the page's footer shows. */
final class OpsEndpoints {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final KontextBot bot;
    private final BotHealth health;
    private final PrometheusMeterRegistry registry;
    private final AccessGuard guard;
    private final Json json;

    OpsEndpoints(KontextBot bot, BotHealth health, PrometheusMeterRegistry registry, AccessGuard guard, Json json) {
        this.bot = bot;
        this.health = health;
        this.registry = registry;
        this.guard = guard;
        this.json = json;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"));
        routes.get("/readyz", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
        routes.get("/api/info", this::info);
    }

    private void ready(Context ctx) {
        boolean store = health.storeReachable();
        boolean jobs = store && health.canServeJobs();
        if (store && jobs) {
            ctx.contentType("text/plain").result("ready");
        } else {
            String reason = health.describe();
            ctx.status(503).contentType("text/plain")
                    .result("not ready: " + (reason == null || reason.isBlank() ? (store ? "no model or worker" : "store unreachable") : reason));
        }
    }

    private void info(Context ctx) {
        BotInfo info = bot.info();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", info.modelName());
        body.put("standIn", info.standIn());
        body.put("licenseNotice", info.licenseNotice());
        body.put("helpText", info.helpText());
        body.put("tokenRequired", guard.tokenRequired());
        json.respond(ctx, body);
    }
}

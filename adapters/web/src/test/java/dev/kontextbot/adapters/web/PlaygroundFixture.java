package dev.kontextbot.adapters.web;

import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.chat.BotHealth;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.testing.TestBot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import redis.clients.jedis.UnifiedJedis;

import java.net.URI;
import java.time.Clock;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A running playground over the real bot (bot-core's {@link TestBot}: real Redis, stand-in model, rule-based agent,
 * in-process worker) on a free loopback port.
 */
final class PlaygroundFixture implements AutoCloseable {
    private final TestBot testBot;
    private final WebPlayground playground;
    private final PrometheusMeterRegistry registry;

    private PlaygroundFixture(TestBot testBot, WebPlayground playground, PrometheusMeterRegistry registry) {
        this.testBot = testBot;
        this.playground = playground;
        this.registry = registry;
    }

    static WebOptions loopback(long maxUploadBytes) {
        return new WebOptions("127.0.0.1:0", Optional.empty(), maxUploadBytes);
    }

    static WebOptions loopback() {
        return loopback(WebOptions.DEFAULT_MAX_UPLOAD_BYTES);
    }

    static PlaygroundFixture start(UnifiedJedis jedis, Path workDir, WebOptions options) {
        return start(jedis, workDir, options, Optional.empty());
    }

    /** With another readiness source than the bot's own, for the /readyz tests. */
    static PlaygroundFixture start(UnifiedJedis jedis, Path workDir, WebOptions options, BotHealth health) {
        return start(jedis, workDir, options, Optional.of(health));
    }

    private static PlaygroundFixture start(UnifiedJedis jedis, Path workDir, WebOptions options,
                                           Optional<BotHealth> health) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return start(TestBot.start(jedis, workDir, registry), options, health, registry);
    }

    /** Over a bot that screens with {@code screening}, with the review desk on the playground. */
    static PlaygroundFixture screened(UnifiedJedis jedis, Path workDir, WebOptions options, Screening screening) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return start(TestBot.start(jedis, workDir, registry, BotCoreOptions.defaults(true), true, screening), options,
                Optional.empty(), registry, Clock.systemUTC());
    }

    /** With the session count on {@code clock}. */
    static PlaygroundFixture start(UnifiedJedis jedis, Path workDir, WebOptions options, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return start(TestBot.start(jedis, workDir, registry), options, Optional.empty(), registry, clock);
    }

    private static PlaygroundFixture start(TestBot testBot, WebOptions options, Optional<BotHealth> health,
                                           PrometheusMeterRegistry registry) {
        return start(testBot, options, health, registry, Clock.systemUTC());
    }

    private static PlaygroundFixture start(TestBot testBot, WebOptions options, Optional<BotHealth> health,
                                           PrometheusMeterRegistry registry, Clock clock) {
        try {
            WebPlayground playground = new WebPlayground(options, testBot.bot(), testBot.views(),
                    health.orElse(testBot.health()), registry, Optional.of(testBot.core().review()), clock);
            playground.start();
            return new PlaygroundFixture(testBot, playground, registry);
        } catch (RuntimeException e) {
            testBot.close();
            throw e;
        }
    }

    URI uri() {
        return playground.uri();
    }

    int port() {
        return playground.port();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    WebPlayground playground() {
        return playground;
    }

    TestBot testBot() {
        return testBot;
    }

    @Override
    public void close() {
        try {
            playground.stop();
        } finally {
            testBot.close();
        }
    }
}

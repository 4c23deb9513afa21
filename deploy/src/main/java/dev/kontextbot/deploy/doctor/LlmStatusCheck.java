package dev.kontextbot.deploy.doctor;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.llm.LlmStatusBoard;
import dev.kontextbot.deploy.app.EmbeddedRedis;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.LlmProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a running bot says about its language model: when the model keeps failing, the bot's circuit breaker writes
 * the cause (HTTP status in plain words) to Redis, and this check reads it. Silent when no LLM is configured or no
 * bot's Redis can be reached (the Redis check speaks about that).
 */
final class LlmStatusCheck implements Check {

    private final KontextConfig config;

    LlmStatusCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        if (config.llmProvider() == LlmProvider.NONE) {
            return List.of();
        }
        Optional<String> url = config.redisUrl().or(() -> config.embeddedRedisPort() != 0
                && !EmbeddedRedis.portFree(config.embeddedRedisPort())
                ? Optional.of("redis://127.0.0.1:" + config.embeddedRedisPort()) : Optional.empty());
        if (url.isEmpty()) {
            return List.of();
        }
        Map<String, String> status;
        try (UnifiedJedis redis = RedisConnector.open(url.get())) {
            status = redis.hgetAll(LlmStatusBoard.KEY);
        } catch (RuntimeException e) {
            return List.of();
        }
        if (status.isEmpty()) {
            return List.of(CheckResult.ok("llm-live", "the running bot reports no failing language model calls"));
        }
        return List.of(CheckResult.warn("llm-live", "the running bot's language model has been failing since "
                + status.getOrDefault("since", "?") + " (" + status.getOrDefault("problem", "unknown") + "); it answers "
                + "with the built-in rules meanwhile and tries the model again every LLM_BREAKER_SECONDS"));
    }
}

package dev.kontextbot.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisConnector;
import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.conversation.llm.LlmStatusBoard;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** doctor tells the operator what the running bot's circuit breaker found out about its language model. */
@RedisTest
class DoctorLlmStatusTest {

    @Test
    void aRefusedKeyReportedByTheRunningBotIsShown(RedisServerProcess redis, @TempDir Path data) {
        Map<String, String> env = Map.of("REDIS_URL", redis.url(), "KONTEXT_DATA_DIR", data.toString(),
                "LLM_PROVIDER", "openai", "LLM_MODEL", "gpt-test", "LLM_BASE_URL", "http://127.0.0.1:1/v1");
        try (UnifiedJedis jedis = RedisConnector.open(redis.url())) {
            new LlmStatusBoard(jedis, Clock.systemUTC(), "run-test")
                    .accept(Optional.of("HTTP 401: the API key was refused, check LLM_API_KEY"));
            CliRunner.Result failing = CliRunner.run(env, "doctor");
            assertThat(failing.out()).containsPattern(
                    "(?m)^WARN\\s+llm-live\\s+the running bot's language model has been failing since .*HTTP 401: the "
                            + "API key was refused, check LLM_API_KEY");

            new LlmStatusBoard(jedis, Clock.systemUTC(), "run-test").accept(Optional.empty());
            assertThat(CliRunner.run(env, "doctor").out())
                    .containsPattern("(?m)^OK\\s+llm-live\\s+the running bot reports no failing");
        }
    }
}

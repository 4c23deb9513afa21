package dev.kontextbot.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.MutableClock;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmCircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

    @Test
    void opensAfterThreeFailuresReportsOnceAndTriesOneCallAfterThePause() {
        List<Optional<String>> reports = new ArrayList<>();
        LlmCircuitBreaker breaker = new LlmCircuitBreaker(Duration.ofSeconds(60), clock, reports::add);
        RuntimeException down = new RuntimeException(new ConnectException("refused"));
        for (int i = 0; i < LlmCircuitBreaker.FAILURES_TO_OPEN; i++) {
            assertThat(breaker.allowCall()).isTrue();
            breaker.failed(down);
        }
        assertThat(breaker.allowCall()).isFalse();
        assertThat(reports).containsExactly(Optional.of("not reachable, check LLM_BASE_URL"));

        clock.advance(Duration.ofSeconds(61));
        assertThat(breaker.allowCall()).isTrue();
        assertThat(breaker.allowCall()).as("one trial call at a time").isFalse();
        breaker.failed(down);
        assertThat(breaker.allowCall()).isFalse();
        assertThat(reports).hasSize(1);

        clock.advance(Duration.ofSeconds(61));
        assertThat(breaker.allowCall()).isTrue();
        breaker.succeeded();
        assertThat(breaker.allowCall()).isTrue();
        assertThat(breaker.problem()).isEmpty();
        assertThat(reports).containsExactly(Optional.of("not reachable, check LLM_BASE_URL"), Optional.empty());
    }

    @Test
    void aRefusedKeyOpensAtOnceAndSaysSo() {
        List<Optional<String>> reports = new ArrayList<>();
        LlmCircuitBreaker breaker = new LlmCircuitBreaker(Duration.ofSeconds(60), clock, reports::add);
        breaker.failed(new AuthenticationException("bad key", new HttpException(401, "{\"error\": \"invalid key\"}")));
        assertThat(breaker.allowCall()).isFalse();
        assertThat(breaker.problem()).hasValue("HTTP 401: the API key was refused, check LLM_API_KEY");
        assertThat(LlmCircuitBreaker.describe(new HttpException(503, "busy")))
                .isEqualTo("HTTP 503: the provider's server failed");
    }
}

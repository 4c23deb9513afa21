package dev.kontextbot.conversation.llm;

import dev.kontextbot.conversation.redis.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where a running bot tells {@code kontextbot doctor} that its language model is failing: the hash {@value #KEY}
 * ({@code problem}, {@code since}, {@code instance}), written when a streak of failures starts and deleted when the
 * model answers again. It expires after a day, so a bot that stopped leaves no stale alarm for long.
 */
public final class LlmStatusBoard implements Consumer<Optional<String>> {

    public static final String KEY = "kb:llm:status";
    private static final Duration KEEP = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(LlmStatusBoard.class);

    private final UnifiedJedis jedis;
    private final Clock clock;
    private final String instance;

    public LlmStatusBoard(UnifiedJedis jedis, Clock clock, String instance) {
        this.jedis = jedis;
        this.clock = clock;
        this.instance = instance;
    }

    @Override
    public void accept(Optional<String> problem) {
        try {
            RedisGuard.run(() -> {
                if (problem.isEmpty()) {
                    jedis.del(KEY);
                } else {
                    jedis.hset(KEY, Map.of("problem", problem.get(), "since", clock.instant().toString(),
                            "instance", instance));
                    jedis.pexpire(KEY, KEEP.toMillis());
                }
            });
        } catch (RuntimeException e) {
            // The turn goes on without the report; doctor then probes the endpoint itself.
            log.debug("Could not record the language model's status: {}", e.getMessage());
        }
    }
}

package dev.kontextbot.conversation.jobs;

import static dev.kontextbot.conversation.jobs.JobFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.redis.RedisServerProcess;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class ProgressBusTest {

    @Test
    void eventsReachTheSubscribersOfTheirPlatformOnlyWithTheirPreview(UnifiedJedis redis) throws Exception {
        ProgressBus bus = new ProgressBus(redis);
        List<ProgressEvent> discord = new CopyOnWriteArrayList<>();
        List<ProgressEvent> telegram = new CopyOnWriteArrayList<>();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        try (AutoCloseable d = bus.subscribe("discord", discord::add);
                AutoCloseable t = bus.subscribe("telegram", telegram::add)) {
            bus.publish(new ProgressEvent("job-1", "conv-1", "discord", 7, 28, Duration.ofMillis(4200),
                    Optional.of(png)));
            bus.publish(new ProgressEvent("job-2", "conv-2", "telegram", 1, 28, Duration.ofSeconds(9),
                    Optional.empty()));
            await("both events", Duration.ofSeconds(10), () -> discord.size() == 1 && telegram.size() == 1);
        }
        assertThat(discord.getFirst().previewPng()).get().isEqualTo(png);
        assertThat(discord.getFirst().remaining()).isEqualTo(Duration.ofMillis(4200));
        assertThat(discord.getFirst().step()).isEqualTo(7);
        assertThat(telegram.getFirst().jobId()).isEqualTo("job-2");
        assertThat(telegram.getFirst().previewPng()).isEmpty();
    }

    /** Before: the subscription thread logged "Progress subscription for web ended" and nobody resubscribed. */
    @Test
    void aSubscriptionComesBackByItselfAfterRedisRestarts(UnifiedJedis redis, RedisServerProcess server)
            throws Exception {
        ProgressBus bus = new ProgressBus(redis);
        List<ProgressEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = bus.subscribe("web", seen::add)) {
            bus.publish(event("before"));
            await("the event before the restart", Duration.ofSeconds(10), () -> seen.size() == 1);

            server.restart();

            // Publishing is fire and forget; keep publishing until the resubscribed listener hears one.
            await("an event after the restart", Duration.ofSeconds(20), () -> {
                try {
                    bus.publish(event("after"));
                } catch (RuntimeException e) {
                    return false;
                }
                return seen.stream().anyMatch(e -> e.jobId().equals("after"));
            });
        }
        int heard = seen.size();
        new ProgressBus(redis).publish(event("closed"));
        Thread.sleep(200);
        assertThat(seen).hasSize(heard);
    }

    private static ProgressEvent event(String jobId) {
        return new ProgressEvent(jobId, "conv", "web", 1, 4, Duration.ZERO, Optional.empty());
    }
}

package dev.kontextbot.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.OutputSize;
import dev.kontextbot.conversation.jobs.RejectReason;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.words.StateWords;
import dev.kontextbot.deploy.config.ConfigLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The per-user and per-group edit rate limits come from settings (issue 24), with the old values as defaults. */
@RedisTest
class EditRateSettingsTest {

    private static JobLimits limits(Map<String, String> env) {
        return RuntimeOptionsFactory.limits(new ConfigLoader(env).load(Optional.empty()));
    }

    private static JobSpec generate(String user, String group) {
        return new JobSpec(null, "test:" + user, new Requester(user, group),
                new DeliveryTarget("test", "chat-" + user, null, null, null, null, "@"),
                EditRecipe.of(JobKind.GENERATE, null, new EditStep("a red car", "A red car.")),
                new Sampling(1, 4, 2.5, new OutputSize(512, 512)));
    }

    @Test
    void unsetTheyAreTheLimitsTheCodeHadBefore() {
        assertThat(limits(Map.of()).perUser()).isEqualTo(JobLimits.defaults().perUser());
        assertThat(limits(Map.of()).perGroup()).isEqualTo(JobLimits.defaults().perGroup());
    }

    @Test
    void aUserBurstOfOneRefusesTheSecondEditWithTheRefillTime(UnifiedJedis redis) {
        JobLimits limits = limits(Map.of("JOBS_USER_BURST", "1", "JOBS_USER_REFILL_SECONDS", "45",
                "JOBS_GROUP_BURST", "3", "JOBS_GROUP_REFILL_SECONDS", "600", "JOBS_PER_USER", "10"));
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), limits);

        assertThat(queue.submit(generate("ann", null))).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(queue.submit(generate("ann", null))).isInstanceOfSatisfying(SubmitResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.RATE_LIMITED);
            assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(44), Duration.ofSeconds(45));
            assertThat(StateWords.load("en").rejected(r)).startsWith("You are sending requests faster");
        });
        assertThat(limits.perGroup().capacity()).isEqualTo(3);
        assertThat(limits.perGroup().refillEvery()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aBurstOfZeroIsRefusedInPlainWords() {
        assertThatThrownBy(() -> limits(Map.of("JOBS_USER_BURST", "0"))).hasMessageContaining("JOBS_USER_BURST");
    }
}

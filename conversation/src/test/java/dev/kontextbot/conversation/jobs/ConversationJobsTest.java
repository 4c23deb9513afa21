package dev.kontextbot.conversation.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class ConversationJobsTest {

    @Test
    void keepsTheNewestJobsFirstAndOnlyTwenty(UnifiedJedis redis) {
        ConversationJobs jobs = new ConversationJobs(redis, RetentionPolicy.defaults());
        for (int i = 1; i <= 25; i++) {
            jobs.record("console:a", "job-" + i);
        }
        assertThat(jobs.recent("console:a")).hasSize(20).startsWith("job-25", "job-24").doesNotContain("job-5");
        assertThat(jobs.recent("console:b")).isEmpty();
        assertThat(redis.pttl("kb:{console:a}:recentjobs")).isPositive();
    }

    @Test
    void forgettingAConversationForgetsItsJobs(UnifiedJedis redis) {
        ConversationJobs jobs = new ConversationJobs(redis, RetentionPolicy.defaults());
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        jobs.record("console:a", "job-1");
        store.forget("console:a");
        assertThat(jobs.recent("console:a")).isEmpty();
    }

    @Test
    void configuredDefaultsApplyUntilAConversationChangesThem(UnifiedJedis redis) {
        ConversationSettings defaults = ConversationSettings.defaults().withSteps(12).withGuidance(3.0);
        ConversationStore store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults(),
                defaults);
        assertThat(store.settings("console:a").steps()).isEqualTo(12);
        assertThat(store.updateSettings("console:a", s -> s.withSeed(7)).steps()).isEqualTo(12);
        assertThat(store.settings("console:a").guidance()).isEqualTo(3.0);
        assertThat(store.settings("console:a").seed()).hasValue(7);
    }
}

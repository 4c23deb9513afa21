package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** A job of a forgotten conversation that finishes later must not bring a version (a new "v1") back. */
@RedisTest
class ForgottenJobsTest {

    private static final String CONV = new ConversationKey("web", "s1", Optional.empty(), Optional.empty()).id();

    private UnifiedJedis redis;
    private ConversationStore store;
    private ConversationJobs jobs;

    @BeforeEach
    void setUp(UnifiedJedis redis) {
        this.redis = redis;
        this.store = new ConversationStore(redis, Clock.systemUTC(), RetentionPolicy.defaults());
        this.jobs = new ConversationJobs(redis, RetentionPolicy.defaults());
    }

    private Version generated(String jobId, long seed) {
        String png = store.blobs(CONV, "alice").putPng(TestImages.png(seed));
        return store.append(CONV, new NewVersion(null, "a cat", "A cat", seed, 4, 2.5, 64, 64, png, null, "alice",
                jobId));
    }

    @Test
    void aJobRunningWhileTheConversationIsForgottenWritesNothing() {
        generated("job-1", 1);
        jobs.record(CONV, "job-1");
        jobs.record(CONV, "job-2"); // still running on a worker
        jobs.record(CONV, "job-3"); // a compound request: its later steps are job-3#1, job-3#2

        store.forget(CONV);

        assertThatThrownBy(() -> generated("job-2", 2))
                .isInstanceOfSatisfying(ConversationException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConversationException.Reason.FORGOTTEN))
                .hasMessage(new Refusal.Forgotten().toString());
        assertThatThrownBy(() -> generated("job-3#1", 3)).isInstanceOf(ConversationException.class);
        // A job run again after a worker crash is refused too, even though its first version is gone.
        assertThatThrownBy(() -> generated("job-1", 1)).isInstanceOf(ConversationException.class);
        assertThat(store.history(CONV)).isEmpty();
        assertThat(store.head(CONV)).isEmpty();
        // The refused results left no pictures behind, and nobody is charged for them.
        assertThat(redis.keys("kb:{" + CONV + "}:blob:*")).isEmpty();
        assertThat(redis.hgetAll("kb:{u:alice}:usage")).doesNotContainKey(CONV);

        // What the user asks for after forgetting starts again at v1.
        Version fresh = generated("job-4", 4);
        assertThat(fresh.number()).isEqualTo(1);
        assertThat(store.history(CONV)).extracting(HistoryEntry::version).containsExactly(fresh);
    }
}

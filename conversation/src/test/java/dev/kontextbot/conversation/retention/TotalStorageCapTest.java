package dev.kontextbot.conversation.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.TestImages;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** CONVERSATION_TOTAL_MB: all users' pictures together stay under one cap, said in plain words. */
@RedisTest
class TotalStorageCapTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 100, 10_000, 1000);

    @Test
    void theCapCountsEveryUserAndSaysSoPlainly(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, policy);
        store.blobs("web:alice", "alice").putPng(TestImages.png(1, 600));

        assertThatThrownBy(() -> store.blobs("web:bob", "bob").putPng(TestImages.png(2, 600)))
                .isInstanceOf(QuotaExceededException.class)
                .satisfies(e -> assertThat(((QuotaExceededException) e).scope())
                        .isEqualTo(QuotaExceededException.Scope.TOTAL))
                .extracting(e -> ((QuotaExceededException) e).usedBytes()).isEqualTo(600L);
        assertThat(redis.zcard("kb:{u:bob}:reserved")).as("bob's own reservation was given back").isZero();

        store.forget("web:alice");

        assertThat(new StorageLedger(redis, policy, clock).usedByAll()).isZero();
        assertThat(store.blobs("web:bob", "bob").putPng(TestImages.png(2, 600))).startsWith("png-");
        assertThat(new StorageLedger(redis, policy, clock).usedByAll()).isEqualTo(600);
    }

    @Test
    void aConversationThatExpiredStopsCounting(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, policy);
        store.blobs("web:old", "alice").putPng(TestImages.png(1, 600));
        clock.advance(Duration.ofDays(31)); // its keys would have expired in Redis by now; the ledger entry is stale

        assertThat(store.blobs("web:new", "bob").putPng(TestImages.png(2, 600))).startsWith("png-");
    }

    @Test
    void racingUploadsOfManyUsersStayWithinTheCap(UnifiedJedis redis) throws Exception {
        ConversationStore store = new ConversationStore(redis, clock, policy);
        int stored = RacingUploads.stored(store, 12, 400, w -> "web:user" + w, w -> "user" + w);

        assertThat(stored).isEqualTo(2);
        assertThat(new StorageLedger(redis, policy, clock).usedByAll()).isEqualTo(800);
    }
}

package dev.kontextbot.conversation.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.TestImages;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The ledgers follow the conversations by increments: writers racing in one conversation (before, each copied the
 * conversation's absolute count, and a slower writer's older count overwrote a newer one) leave them exact, and so do
 * bytes given back by the conversation's own scripts.
 */
@RedisTest
class LedgerIncrementsTest {

    private static final int WRITERS = 12;
    private static final int ROUNDS = 4;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

    private static long conversationBytes(UnifiedJedis redis, String conv) {
        String bytes = redis.hget(ConversationKeyspace.meta(conv), "bytes");
        return bytes == null ? 0 : Long.parseLong(bytes);
    }

    @Test
    void writersRacingInOneConversationLeaveTheLedgersExact(UnifiedJedis redis) throws Exception {
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 100, 1_000_000_000L, 1_000_000_000L);
        ConversationStore store = new ConversationStore(redis, clock, policy);
        StorageLedger ledger = new StorageLedger(redis, policy, clock);
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            int stored = RacingUploads.stored(store, WRITERS, 300 + round, w -> "web:shared", w -> "ann");
            assertThat(stored).isEqualTo(WRITERS);
            long held = conversationBytes(redis, "web:shared");
            assertThat(ledger.usedBy("ann")).as("round %d", r).isEqualTo(held);
            assertThat(ledger.usedByAll()).as("round %d", r).isEqualTo(held);
        }
        assertThat(conversationBytes(redis, "web:shared")).isGreaterThan(0);
        assertThat(redis.exists(ConversationKeyspace.key("web:shared", "unsynced"))).as("every increment applied")
                .isFalse();
    }

    @Test
    void bytesTheConversationGivesBackAreTakenOffAndAForgottenConversationLeavesNothing(UnifiedJedis redis) {
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 100, 1_000_000L, 1_000_000L);
        ConversationStore store = new ConversationStore(redis, clock, policy);
        StorageLedger ledger = new StorageLedger(redis, policy, clock);
        store.blobs("web:bob", "bob").putPng(TestImages.png(1, 4000)); // never used: swept after the grace
        long first = ledger.usedBy("bob");
        assertThat(first).isEqualTo(conversationBytes(redis, "web:bob")).isGreaterThan(0);

        clock.advance(Duration.ofMillis(ConversationKeyspace.PENDING_GRACE_MILLIS + 1));
        store.blobs("web:bob", "bob").putPng(TestImages.png(2, 2500));

        assertThat(ledger.usedBy("bob")).as("the swept blob's bytes given back")
                .isEqualTo(conversationBytes(redis, "web:bob")).isLessThan(first);
        assertThat(ledger.usedByAll()).isEqualTo(conversationBytes(redis, "web:bob"));

        store.forget("web:bob");
        assertThat(ledger.usedBy("bob")).isZero();
        assertThat(ledger.usedByAll()).isZero();
    }
}

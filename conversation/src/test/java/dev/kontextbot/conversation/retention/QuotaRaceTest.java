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

/** Writers racing in many conversations of one user never store more than the user's allowance together. */
@RedisTest
class QuotaRaceTest {

    private static final int WRITERS = 12;
    private static final int ROUNDS = 5;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));

    @Test
    void racingUploadsOfOneUserStayWithinTheQuota(UnifiedJedis redis) throws Exception {
        ConversationStore store = new ConversationStore(redis, clock, new RetentionPolicy(Duration.ofDays(30), 100, 1000));
        for (int round = 0; round < ROUNDS; round++) {
            String user = "racer" + round;
            int r = round;
            int stored = RacingUploads.stored(store, WRITERS, 400, w -> "web:race-" + r + "-" + w, w -> user);
            assertThat(stored).as("uploads of 400 bytes that fit in 1000 (round %d)", round).isEqualTo(2);
            assertThat(new StorageLedger(redis, store.policy()).usedBy(user)).isEqualTo(800);
        }
    }

    @Test
    void anImageStoredAgainGivesItsReservationBack(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, new RetentionPolicy(Duration.ofDays(30), 100, 1000));
        var blobs = store.blobs("web:dedup", "alice");
        String first = blobs.putPng(TestImages.png(1, 400));
        assertThat(blobs.putPng(TestImages.png(1, 400))).isEqualTo(first);

        assertThat(store.blobs("web:other", "alice").putPng(TestImages.png(2, 600)))
                .as("the 400 bytes held for the duplicate were given back").startsWith("png-");
        assertThat(redis.zcard("kb:{u:alice}:reserved")).isZero();
    }

    @Test
    void aReservationOfAWriterThatDiedStopsCountingAfterTheHold(UnifiedJedis redis) {
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 100, 1000);
        ConversationStore store = new ConversationStore(redis, clock, policy);
        new StorageLedger(redis, policy, clock).reserve("bob", 700); // never settled nor released

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> store.blobs("web:bob", "bob").putPng(TestImages.png(3, 400)))
                .isInstanceOf(QuotaExceededException.class);
        clock.advance(Duration.ofMillis(StorageLedger.HOLD_MILLIS + 1));
        assertThat(store.blobs("web:bob", "bob").putPng(TestImages.png(3, 400))).startsWith("png-");
    }
}

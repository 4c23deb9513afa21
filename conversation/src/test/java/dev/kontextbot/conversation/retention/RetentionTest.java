package dev.kontextbot.conversation.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.HistoryEntry;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.ReferenceKind;
import dev.kontextbot.conversation.state.TestImages;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.state.VersionRef;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class RetentionTest {

    private static final String CONV = "telegram:42";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));

    private static Version append(ConversationStore store, Version parent, long seed) {
        String png = store.blobs(CONV, "u1").putPng(TestImages.png(seed));
        return store.append(CONV, new NewVersion(parent == null ? null : parent.id(), "edit " + seed, "edit " + seed,
                seed, 28, 2.5, 64, 64, png, null, "u1", "job-" + seed));
    }

    @Test
    void pruningPastTheCapRemovesOldSideBranchesAndKeepsTheHeadPath(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, new RetentionPolicy(Duration.ofDays(30), 5, 0));
        BlobStore blobs = store.blobs(CONV, "u1");
        Version v1 = append(store, null, 1);
        Version v2 = append(store, v1, 2);
        Version v3 = append(store, v2, 3);
        Version v4 = append(store, v3, 4);
        store.goTo(CONV, new VersionRef.ById(v1.id()));
        Version v5 = append(store, v1, 5);
        Version v6 = append(store, v5, 6);

        assertThat(store.history(CONV)).extracting(h -> h.version().number()).containsExactly(1, 2, 3, 5, 6);
        assertThat(blobs.contains(v4.imageBlob())).as("the pruned version's image").isFalse();

        store.setReference(CONV, ReferenceKind.CHARACTER, "kept", v2.imageBlob());
        Version v7 = append(store, v6, 7);
        Version v8 = append(store, v7, 8);

        assertThat(store.history(CONV)).extracting(h -> h.version().number()).containsExactly(1, 5, 6, 7, 8);
        assertThat(store.history(CONV)).allMatch(HistoryEntry::onHeadPath);
        assertThat(blobs.contains(v3.imageBlob())).isFalse();
        assertThat(blobs.contains(v2.imageBlob())).as("a referenced image survives its version").isTrue();
        assertThat(store.find(CONV, v2.id())).isEmpty();
        assertThat(store.goTo(CONV, new VersionRef.Original())).isEqualTo(v1);
    }

    @Test
    void theHeadPathIsNeverCutEvenPastTheCap(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, new RetentionPolicy(Duration.ofDays(30), 3, 0));
        Version v = append(store, null, 1);
        for (int seed = 2; seed <= 6; seed++) {
            v = append(store, v, seed);
        }
        assertThat(store.history(CONV)).hasSize(6).allMatch(HistoryEntry::onHeadPath);
    }

    @Test
    void anEditAfterUndoAbandonsTheRedoBranchToPruning(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, new RetentionPolicy(Duration.ofDays(30), 3, 0));
        Version v1 = append(store, null, 1);
        Version v2 = append(store, v1, 2);
        Version v3 = append(store, v2, 3);
        store.undo(CONV);
        store.undo(CONV); // head v1
        store.setReference(CONV, ReferenceKind.STYLE, "s", v1.imageBlob()); // a write that does not prune
        Version side = append(store, v1, 4); // 4 versions > 3: v3 is the oldest leaf off the head path

        assertThat(store.history(CONV)).extracting(h -> h.version().id()).containsExactly(v1.id(), v2.id(), side.id());
        assertThat(store.find(CONV, v3.id())).isEmpty();
    }

    @Test
    void theUserQuotaCountsEveryConversationAndSaysSoPlainly(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, new RetentionPolicy(Duration.ofDays(30), 100, 1000));
        BlobStore first = store.blobs(CONV, "u1");
        String image = first.putPng(TestImages.png(1, 600));
        assertThat(first.putPng(TestImages.png(1, 600))).as("the same image again costs nothing").isEqualTo(image);

        assertThatThrownBy(() -> first.putPng(TestImages.png(2, 600)))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.scope()).isEqualTo(QuotaExceededException.Scope.USER);
                    assertThat(e.usedBytes()).isLessThan(1024 * 1024 / 20);
                    assertThat(e.quotaBytes()).isEqualTo(1000L);
                });
        BlobStore other = store.blobs("telegram:43", "u1");
        assertThatThrownBy(() -> other.putPng(TestImages.png(3, 600))).isInstanceOf(QuotaExceededException.class)
                .extracting(e -> ((QuotaExceededException) e).usedBytes()).isEqualTo(600L);
        assertThat(store.blobs("telegram:43", "u2").putPng(TestImages.png(3, 600))).startsWith("png-");
        assertThat(new StorageLedger(redis, store.policy()).usedBy("u1")).isEqualTo(600);

        store.forget(CONV);

        assertThat(new StorageLedger(redis, store.policy()).usedBy("u1")).isZero();
        assertThat(other.putPng(TestImages.png(3, 600))).startsWith("png-");
    }

    @Test
    void aBlobNoVersionEverUsedIsSweptAfterTheGracePeriod(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, RetentionPolicy.defaults());
        BlobStore blobs = store.blobs(CONV, "u1");
        String orphan = blobs.putPng(TestImages.png(1));
        Version used = append(store, null, 2);
        assertThat(blobs.contains(orphan)).as("within the grace period").isTrue();

        clock.advance(Duration.ofHours(2));
        append(store, used, 3);

        assertThat(blobs.contains(orphan)).isFalse();
        assertThat(blobs.contains(used.imageBlob())).isTrue();
    }

    @Test
    void storingAnUnusedBlobAgainStartsItsGracePeriodAfresh(UnifiedJedis redis) {
        ConversationStore store = new ConversationStore(redis, clock, RetentionPolicy.defaults());
        BlobStore blobs = store.blobs(CONV, "u1");
        String image = blobs.putPng(TestImages.png(1));
        clock.advance(Duration.ofHours(2));
        blobs.putPng(TestImages.png(1));
        blobs.putPng(TestImages.png(2)); // sweeps expired unreferenced blobs

        assertThat(blobs.contains(image)).isTrue();
        assertThat(store.append(CONV, NewVersion.upload(image, 8, 8, "u1", "late")).imageBlob()).isEqualTo(image);
    }

    @Test
    void policiesRejectNonsense() {
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, 1, 0)).hasMessage("idle TTL must be positive");
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(1), 0, 0))
                .hasMessage("max versions must be at least 1");
        assertThat(RetentionPolicy.defaults().maxVersions()).isEqualTo(100);
        assertThat(RetentionPolicy.defaults().idleTtl()).isEqualTo(Duration.ofDays(30));
    }
}

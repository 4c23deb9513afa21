package dev.kontextbot.conversation.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.Completion;
import dev.kontextbot.conversation.jobs.DeliveryConsumer;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.jobs.OutputSize;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.retention.StorageLedger;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@RedisTest
class ReviewListTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    static JobSpec job() {
        return new JobSpec("job-1", "conv-1", new Requester("ann", null),
                new DeliveryTarget("test", "chat-1", "m-1", null, null, null, "ann"),
                EditRecipe.of(JobKind.GENERATE, null, new EditStep("a red car", "a red car")),
                new Sampling(7, 4, 2.5, new OutputSize(256, 256)));
    }

    private static ReviewItem heldResult() {
        return ReviewItem.flagged(ReviewKind.RESULT, "test", "chat-1", "conv-1", "ann", "Ann", "a red car",
                "nsfw 0.99", Map.of("nsfw", 0.99, "normal", 0.01),
                Optional.of(new VersionAwaitingReview(job(), null, "a red car", "a red car", job().sampling().seed(), 256, 256, "job-1")));
    }

    @Test
    void aFlaggedItemIsListedWithItsPictureScoresAndJob(UnifiedJedis redis) {
        ReviewList list = new ReviewList(redis, clock, Duration.ofDays(7));
        ReviewItem stored = list.add(heldResult(), Optional.of(new byte[] {1, 2, 3})).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        ReviewItem prompt = list.add(ReviewItem.flagged(ReviewKind.PROMPT, "test", "chat-2", "conv-2", "bob", "Bob",
                "bad words", "term list (en)", Map.of(), Optional.empty()), Optional.empty()).orElseThrow();

        assertThat(list.list(10)).extracting(ReviewItem::id).containsExactly(prompt.id(), stored.id());
        ReviewItem found = list.find(stored.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(found.scores()).containsEntry("nsfw", 0.99);
        assertThat(found.held().orElseThrow().job().delivery().chatId()).isEqualTo("chat-1");
        assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(list.picture(stored.id())).hasValue(new byte[] {1, 2, 3});
        assertThat(list.picture(prompt.id())).isEmpty();
    }

    @Test
    void anItemIsResolvedOnceAndDeletingDropsThePicture(UnifiedJedis redis) {
        ReviewList list = new ReviewList(redis, clock, Duration.ofDays(7));
        ReviewItem a = list.add(heldResult(), Optional.of(new byte[] {9})).orElseThrow();
        ReviewItem b = list.add(heldResult(), Optional.of(new byte[] {8})).orElseThrow();

        assertThat(list.resolve(a.id(), ReviewStatus.RELEASED)).isTrue();
        assertThat(list.resolve(a.id(), ReviewStatus.DELETED)).isFalse();
        assertThat(list.find(a.id()).orElseThrow().status()).isEqualTo(ReviewStatus.RELEASED);
        assertThat(list.resolve(b.id(), ReviewStatus.DELETED)).isTrue();
        assertThat(list.picture(b.id())).isEmpty();
        assertThat(list.resolve("rv-not-an-id", ReviewStatus.DELETED)).isFalse();
    }

    @Test
    void itemsExpireAfterTheRetention(UnifiedJedis redis) {
        ReviewList list = new ReviewList(redis, clock, Duration.ofHours(1));
        ReviewItem item = list.add(heldResult(), Optional.of(new byte[] {1})).orElseThrow();
        assertThat(redis.pttl("kb:{review}:item:" + item.id())).isBetween(1L, 3_600_000L);
        assertThat(redis.pttl("kb:{review}:png:" + item.id())).isBetween(1L, 3_600_000L);
        clock.advance(Duration.ofHours(2));
        assertThat(list.list(10)).isEmpty();
        assertThat(redis.zcard("kb:{review}:items")).isZero();
    }

    @Test
    void oneUserKeepsAFewPicturesAtOnceChargedToTheirQuota(UnifiedJedis redis) {
        ReviewList list = new ReviewList(redis, clock, Duration.ofDays(7), new ReviewLimits(3, 100),
                RetentionPolicy.defaults());
        List<ReviewItem> ann = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            ann.add(list.add(heldResult(), Optional.of(new byte[1000])).orElseThrow());
        }
        ReviewItem bob = list.add(ReviewItem.flagged(ReviewKind.UPLOAD, "test", "chat-2", "conv-2", "bob", "Bob", "",
                "nsfw 0.9", Map.of(), Optional.empty()), Optional.of(new byte[500])).orElseThrow();

        assertThat(ann.subList(0, 2)).allSatisfy(i -> assertThat(list.picture(i.id())).isEmpty());
        assertThat(ann.subList(2, 5)).allSatisfy(i -> assertThat(list.picture(i.id())).isPresent());
        assertThat(list.picture(bob.id())).isPresent();
        assertThat(list.pictureBytes("test", "ann")).isEqualTo(3000);
        StorageLedger ledger = new StorageLedger(redis, RetentionPolicy.defaults(), clock);
        assertThat(ledger.usedBy("ann")).isEqualTo(3000);
        assertThat(ledger.usedBy("bob")).isEqualTo(500);

        assertThat(list.resolve(ann.get(4).id(), ReviewStatus.DELETED)).isTrue();
        assertThat(ledger.usedBy("ann")).isEqualTo(2000);
    }

    @Test
    void pastTheFlagsPerHourNothingIsStoredUntilTheHourIsOver(UnifiedJedis redis) {
        ReviewList list = new ReviewList(redis, clock, Duration.ofDays(7), new ReviewLimits(8, 2),
                RetentionPolicy.defaults());
        assertThat(list.add(heldResult(), Optional.of(new byte[10]))).isPresent();
        assertThat(list.add(heldResult(), Optional.of(new byte[10]))).isPresent();
        assertThat(list.add(heldResult(), Optional.of(new byte[10]))).isEmpty();
        assertThat(list.list(10)).hasSize(2);
        assertThat(redis.pttl("kb:{review}:rate:test:ann")).isBetween(1L, 3_600_000L);
        redis.del("kb:{review}:rate:test:ann"); // what the counter's expiry does when the hour is over
        assertThat(list.add(heldResult(), Optional.of(new byte[10]))).isPresent();
    }

    @Test
    void aPictureBeyondTheUsersQuotaIsNotKept(UnifiedJedis redis) {
        RetentionPolicy small = new RetentionPolicy(Duration.ofDays(30), 100, 1500);
        ReviewList list = new ReviewList(redis, clock, Duration.ofDays(7), ReviewLimits.defaults(), small);
        ReviewItem first = list.add(heldResult(), Optional.of(new byte[1000])).orElseThrow();
        ReviewItem second = list.add(heldResult(), Optional.of(new byte[1000])).orElseThrow();
        assertThat(list.picture(first.id())).isPresent();
        assertThat(list.picture(second.id())).as("over the quota: listed, picture not kept").isEmpty();
        assertThat(list.find(second.id())).isPresent();
    }

    @Test
    void blockedUsersAreRememberedPerPlatform(UnifiedJedis redis) {
        ReviewList list = new ReviewList(redis, clock, Duration.ofDays(7));
        list.block("discord", "42");
        assertThat(list.blocked("discord", "42")).isTrue();
        assertThat(list.blocked("telegram", "42")).isFalse();
        list.unblock("discord", "42");
        assertThat(list.blocked("discord", "42")).isFalse();
    }

    @Test
    void aReleasedResultReachesItsFrontEndUnderItsOwnDeliveryId(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, clock, JobLimits.defaults());
        List<Completion> delivered = new ArrayList<>();
        DeliveryConsumer frontEnd = new DeliveryConsumer(redis, "test", "fe-1", delivered::add,
                new DeliveryConsumer.Options(Duration.ofHours(1), Duration.ofMillis(50), Duration.ofMinutes(1), clock));
        queue.deliverLater("job-1:released", job(), "v-9");
        assertThat(frontEnd.pollOnce()).isEqualTo(1);
        assertThat(delivered).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(JobStatus.DONE);
            assertThat(c.versionId()).isEqualTo("v-9");
            assertThat(c.jobId()).isEqualTo("job-1:released");
            assertThat(c.spec().delivery().replyToMessageId()).isEqualTo("m-1");
        });
    }
}

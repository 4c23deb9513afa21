package dev.kontextbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.jobs.Completion;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.core.reply.Variations;
import dev.kontextbot.core.wiring.ImageParts;
import dev.kontextbot.core.words.StateWords;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.wiring.StateServices;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.OutputSize;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.jobs.JobStatus;
import dev.kontextbot.conversation.jobs.ProgressBus;
import dev.kontextbot.conversation.jobs.ProgressEvent;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyTarget;
import dev.kontextbot.core.reply.VersionReplies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shared delivery path every chat platform uses (Telegram, both Discord libraries): a chat that does not take its
 * messages (Telegram's flood-limit sleep happens inside {@code deliver}) holds up neither other chats' progress nor
 * their results, its waiting progress is bounded, and a result that may have arrived already says so.
 */
@RedisTest
class DeliveryRouterLanesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** A platform whose chat "chat-slow" is in a long flood-limit wait until {@link #released}. */
    private static final class FloodedPlatform implements ChatPlatform {
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public Optional<String> deliver(ReplyTarget target, Reply reply) {
            if (target.chatId().equals("chat-slow")) {
                stalled.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(target.chatId() + " " + switch (reply) {
                case Reply.Progress p -> "progress " + p.step();
                case Reply.Error e -> "error " + e.message();
                default -> reply.getClass().getSimpleName();
            });
            return Optional.empty();
        }
    }

    private static JobSpec spec(String user, String chat, FrontEnd frontEnd) {
        return new JobSpec(null, "test:" + chat, new Requester(user, null),
                frontEnd.stamp(new DeliveryTarget("test", chat, null, null, null,
                        Instant.parse("2026-12-01T00:00:00Z"), "@" + user)),
                EditRecipe.of(JobKind.GENERATE, null, new EditStep("make it blue", "Make it blue.")),
                new Sampling(1, 4, 2.5, new OutputSize(512, 512)));
    }

    private static String submit(JobQueue queue, JobSpec spec) {
        return ((SubmitResult.Accepted) queue.submit(spec)).jobId();
    }

    private static DeliveryRouter router(UnifiedJedis redis, JobQueue queue, FrontEnd frontEnd) {
        StateServices state = StateServices.open(redis, Clock.systemUTC(), RetentionPolicy.defaults(),
                ConversationSettings.defaults(), JobLimits.defaults());
        VersionReplies replies = new VersionReplies(state.store(), true,
                dev.kontextbot.inference.pipeline.ModelFamily.KONTEXT);
        ImageParts images = ImageParts.standard();
        return new DeliveryRouter(state, replies, new Variations(state.store()), new VariationReplies(replies,
                new VariationGrid(images.resizer()), images.decoder(), images.derived()), frontEnd,
                StateWords.load("en"));
    }

    @Test
    void aChatInAFloodLimitWaitHoldsUpNoOtherChatsProgressOrResults(UnifiedJedis redis) throws Exception {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), JobLimits.defaults());
        FrontEnd frontEnd = new FrontEnd("fe-1");
        FloodedPlatform platform = new FloodedPlatform();
        try (DeliveryRouter router = router(redis, queue, frontEnd)) {
            router.register(platform);
            String slow = submit(queue, spec("sam", "chat-slow", frontEnd));
            String fast = submit(queue, spec("fay", "chat-fast", frontEnd));
            router.progress(platform, new ProgressEvent(slow, "test:chat-slow", "test", 1, 4, Duration.ZERO,
                    Optional.empty()));
            assertThat(platform.stalled.await(15, TimeUnit.SECONDS)).isTrue();
            for (int step = 2; step <= 4; step++) {
                router.progress(platform, new ProgressEvent(slow, "test:chat-slow", "test", step, 4, Duration.ZERO,
                        Optional.empty()));
            }
            router.progress(platform, new ProgressEvent(fast, "test:chat-fast", "test", 1, 4, Duration.ZERO,
                    Optional.empty()));
            queue.cancel(slow, "sam", false);
            queue.cancel(fast, "fay", false);
            await("chat-fast's progress and result while chat-slow waits",
                    () -> platform.sent.containsAll(List.of("chat-fast progress 1", "chat-fast error Cancelled.")));

            platform.released.countDown();
            await("chat-slow's result", () -> platform.sent.contains("chat-slow error Cancelled."));
        }
        // Results and progress have lanes of their own, so only each one's order is fixed.
        assertThat(platform.sent.stream().filter(s -> s.startsWith("chat-slow progress")).toList())
                .as("step 1 was being sent, steps 2 and 3 waited, step 4 found the lane full and was dropped")
                .containsExactly("chat-slow progress 1", "chat-slow progress 2", "chat-slow progress 3");
        assertThat(platform.sent).containsOnlyOnce("chat-slow error Cancelled.", "chat-fast error Cancelled.");
    }

    @Test
    void aResultThatMayHaveArrivedAlreadySaysSo(UnifiedJedis redis) {
        JobQueue queue = new JobQueue(redis, Clock.systemUTC(), JobLimits.defaults());
        FrontEnd frontEnd = new FrontEnd("fe-1");
        FloodedPlatform platform = new FloodedPlatform();
        JobSpec spec = spec("fay", "chat-fast", frontEnd).withJobId("job-1");
        try (DeliveryRouter router = router(redis, queue, frontEnd)) {
            router.deliver(platform, new Completion("job-1", spec, JobStatus.FAILED, null, "deadline", "Too long."));
            router.deliver(platform, new Completion("job-1", spec, JobStatus.FAILED, null, "deadline", "Too long.",
                    true));
        }
        assertThat(platform.sent).containsExactly("chat-fast error Too long.",
                "chat-fast error " + DeliveryRouter.SENT_AGAIN + " Too long.");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}

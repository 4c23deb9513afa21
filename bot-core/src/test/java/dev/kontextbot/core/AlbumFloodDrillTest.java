package dev.kontextbot.core;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.testing.RecordingPlatform;
import dev.kontextbot.core.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The drill's flood of albums (issue 17): users send albums of large pictures at the same moment, some over the
 * per-message caps (too many pictures; too many megapixels together, though each is within the limits), some
 * within them, to the real bot (real Redis, the stand-in model, a worker). Counts what went wrong (crashed turns,
 * replies that are not plain words, albums neither refused plainly nor edited), prints them and asserts zero.
 */
@RedisTest
class AlbumFloodDrillTest {

    /** 4700 x 3520 = 16.5 MP: within the 40 MP of one picture, but six of them pass the 96 MP of one message. */
    private static final byte[] LARGE = png(4700, 3520);
    private static final int PER_KIND = 3;
    private static final int FITTING = 2;
    private static final Duration WAIT = Duration.ofSeconds(50);

    private record Sent(String kind, List<Reply> replies, CompletableFuture<Void> turn) {
    }

    @Test
    void aFloodOfAlbumsIsAnsweredInPlainWordsAndCrashesNothing(UnifiedJedis redis, @TempDir Path dir) {
        try (TestBot testBot = TestBot.start(redis, dir)) {
            RecordingPlatform platform = new RecordingPlatform("console");
            testBot.bot().register(platform);
            Attachment large = attachment("large.png", LARGE);
            Map<String, List<Attachment>> albums = Map.of(
                    "seven", Collections.nCopies(ImageIntake.MAX_PICTURES + 1, large),
                    "huge", Collections.nCopies(ImageIntake.MAX_PICTURES, large),
                    "fits", Collections.nCopies(3, attachment("photo.png", png(1600, 1200))));

            List<Sent> sent = new ArrayList<>();
            Map.of("seven", PER_KIND, "huge", PER_KIND, "fits", FITTING).forEach((kind, users) -> {
                for (int u = 0; u < users; u++) {
                    ChatOrigin origin = ChatOrigin.privateChat("console", kind + "-" + u,
                            new ChatUser(kind + "-" + u, "User " + u, false));
                    List<Reply> replies = new CopyOnWriteArrayList<>();
                    CompletableFuture<Void> turn = testBot.bot().onMessage(new ChatEvent(origin, Optional.empty(),
                            "make the sky blue", albums.get(kind), Optional.empty(), Optional.empty()), reply -> {
                                replies.add(reply);
                                return platform.send(reply);
                            });
                    sent.add(new Sent(kind, replies, turn));
                }
            });

            long crashed = sent.stream().filter(s -> {
                try {
                    s.turn().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
                    return false;
                } catch (RuntimeException e) {
                    return true;
                }
            }).count();
            for (int i = 0; i < FITTING; i++) {
                platform.await(Reply.Image.class, image -> image.jobId().isPresent(), WAIT);
            }
            long notPlain = platform.all().stream().filter(AlbumFloodDrillTest::notPlain).count();
            long refusedPlainly = sent.stream().filter(s -> refusal(s.kind()) != null
                    && s.replies().stream().anyMatch(r -> r instanceof Reply.Error e
                    && e.message().startsWith(refusal(s.kind())))).count();
            long edited = platform.all().stream()
                    .filter(r -> r instanceof Reply.Image image && image.jobId().isPresent()).count();
            long unanswered = sent.size() - refusedPlainly - edited;
            System.out.printf("Album flood: %d albums at once (%d of 7 pictures, %d of 99 MP, %d within the caps); "
                            + "refused in plain words %d, edited %d; unanswered %d, crashed %d, not plain %d%n",
                    sent.size(), PER_KIND, PER_KIND, FITTING, refusedPlainly, edited, unanswered, crashed, notPlain);

            assertThat(crashed).as("turns that crashed").isZero();
            assertThat(notPlain).as("replies with a stack trace or an internal error: " + platform.all()).isZero();
            assertThat(refusedPlainly).as("albums over a cap refused in plain words").isEqualTo(2L * PER_KIND);
            assertThat(edited).as("albums within the caps edited").isEqualTo(FITTING);
            assertThat(unanswered).isZero();
        }
    }

    private static String refusal(String kind) {
        return switch (kind) {
            case "seven" -> "That is 7 pictures; I can take at most 6 in one message.";
            case "huge" -> "These pictures are too large together (over 96.0 megapixels in one message).";
            default -> null;
        };
    }

    private static boolean notPlain(Reply reply) {
        return reply instanceof Reply.Error e && (e.code().equals("internal") || e.message().contains("Exception")
                || e.message().contains("\tat "));
    }
}

package dev.kontextbot.core.safety;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.review.RelaxedChats;
import dev.kontextbot.conversation.review.ReviewList;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.ChatModels;
import dev.kontextbot.core.agent.FakeOpenAiServer;
import dev.kontextbot.core.rules.RuleBasedChatModel;
import dev.kontextbot.inference.image.PngCodec;
import java.time.Clock;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReviewDesk;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestPictures;
import dev.kontextbot.core.testing.TestScreening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Screening on the real bot: real Redis, the stand-in editing model, and a stand-in safety classifier in the Hugging
 * Face layout on ONNX Runtime whose rule is "very red pictures are nsfw".
 */
@RedisTest
class ScreeningFlowTest {

    @TempDir
    Path dir;

    private TestBot testBot;
    private TestScreening screening;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
        if (screening != null) {
            screening.close();
        }
    }

    /** The bot screening with the stand-in classifier blocking {@code labels}. */
    private TestBot bot(UnifiedJedis redis, Set<String> labels, SafetyOptions options) {
        screening = TestScreening.standIn(redis, dir, labels, options, registry);
        testBot = TestBot.start(redis, dir, registry, BotCoreOptions.defaults(true), true, screening.screening());
        return testBot;
    }

    static Attachment redPicture() {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(240, 10, 20));
        g.fillRect(0, 0, 96, 64);
        g.dispose();
        return TestPictures.attachment("red.png", TestPictures.encode(image));
    }

    private double flagged(String kind) {
        return registry.get("kontextbot.safety.flagged").tag("kind", kind).counter().count();
    }

    private static ChatOrigin channel(String user, boolean admin, boolean adult) {
        return new ChatOrigin("discord", adult ? "adult-channel" : "general", Optional.empty(),
                new ChatUser(user, user, admin), false, Optional.of("guild-1"), adult);
    }

    @Test
    void aFlaggedUploadIsRefusedPlainlyAndNothingIsStoredOrQueued(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("nsfw"), SafetyOptions.defaults());
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));

        alice.say("make the sky purple", redPicture());

        Reply.Error refusal = alice.nextError();
        assertThat(refusal.code()).isEqualTo("picture_refused");
        assertThat(refusal.message()).isEqualTo(Screening.REFUSED_PICTURE).doesNotContainIgnoringCase("nsfw")
                .doesNotContain("0.");
        assertThat(testBot.views().history(alice.origin())).isEmpty();
        assertThat(testBot.queue().metrics().queued() + testBot.queue().metrics().running()
                + testBot.queue().metrics().done()).isZero();
        List<ReviewDesk.Entry> review = testBot.core().review().items(10);
        assertThat(review).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("upload");
            assertThat(e.userId()).isEqualTo("alice");
            assertThat(e.text()).isEqualTo("make the sky purple");
            assertThat(e.scores().get("nsfw")).isGreaterThan(0.99);
            assertThat(e.releasable()).isFalse();
        });
        assertThat(testBot.core().review().picture(review.getFirst().id())).isPresent();
        assertThat(flagged("upload")).isEqualTo(1);
    }

    @Test
    void aPictureTheClassifierPassesIsEditedAsBefore(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("nsfw"), SafetyOptions.defaults());
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        alice.say("steps 2");
        alice.say("make the sky purple", photo());
        Reply.Image result = alice.nextResult();
        assertThat(testBot.views().history(alice.origin())).extracting(v -> v.id()).contains(result.versionId());
        assertThat(testBot.core().review().items(10)).isEmpty();
    }

    @Test
    void aFlaggedResultIsHeldOutOfTheTreeUntilAnAdminReleasesIt(UnifiedJedis redis) throws Exception {
        // Blocking "normal" flags every result of the stand-in model (its pictures are not very red).
        bot(redis, Set.of("normal"), SafetyOptions.defaults());
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        alice.say("steps 2");
        alice.say("a lighthouse at dusk");

        Reply.Error held = alice.nextError();
        assertThat(held.code()).isEqualTo(Screening.HELD_CODE);
        assertThat(held.message()).isEqualTo(Screening.HELD_MESSAGE);
        assertThat(testBot.views().history(alice.origin())).isEmpty();
        ReviewDesk.Entry entry = testBot.core().review().items(10).getFirst();
        assertThat(entry.kind()).isEqualTo("result");
        assertThat(entry.releasable()).isTrue();
        assertThat(flagged("result")).isEqualTo(1);

        assertThat(testBot.core().review().release(entry.id(), "admin")).startsWith("Released: v1");
        Reply.Image delivered = alice.nextResult();
        assertThat(testBot.views().history(alice.origin())).extracting(v -> v.id())
                .containsExactly(delivered.versionId());
        assertThat(testBot.core().review().items(10).getFirst().status()).isEqualTo("released");
        assertThatThrownBy(() -> testBot.core().review().release(entry.id(), "admin"))
                .isInstanceOf(ReviewDesk.ReviewException.class).hasMessageContaining("already released");
    }

    @Test
    void withBlurringChosenAFlaggedResultArrivesBlurredAndTheOriginalIsHeld(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("normal"), new SafetyOptions(false, true, Duration.ofDays(1)));
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        alice.say("steps 2");
        alice.say("a lighthouse at dusk");
        Reply.Image blurred = alice.nextResult();
        assertThat(testBot.views().history(alice.origin())).hasSize(1);
        assertThat(testBot.core().review().items(10)).singleElement()
                .satisfies(e -> assertThat(e.releasable()).isTrue());
        assertThat(blurred.versionId()).isNotBlank();
    }

    @Test
    void anAdminRelaxesAnAgeRestrictedChannelAndNoOtherPlace(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("nsfw"), SafetyOptions.defaults());
        TestChats.Person admin = TestChats.join(testBot.bot(), channel("carol", true, true));
        TestChats.Person member = new TestChats.Person(testBot.bot(), channel("dave", false, true), admin.chat());
        TestChats.Person adminElsewhere = new TestChats.Person(testBot.bot(), channel("carol", true, false),
                admin.chat());

        member.say("safety relaxed");
        assertThat(admin.nextError().code()).isEqualTo("admins_only");
        adminElsewhere.say("safety relaxed");
        assertThat(admin.nextError().code()).isEqualTo("not_an_adult_place");
        admin.say("/safety relaxed");
        assertThat(admin.nextText().text()).contains("relaxed");

        member.say("steps 2");
        member.say("make the sky purple", redPicture());
        member.nextResult();
        assertThat(testBot.core().review().items(10)).isEmpty();

        adminElsewhere.say("make the sky purple", redPicture());
        assertThat(admin.nextError().code()).isEqualTo("picture_refused");
    }

    @Test
    void theDirectMessagePolicyIsReadLiveAndLeavesNothingBehind(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("nsfw"), new SafetyOptions(true, false, Duration.ofDays(1)));
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        alice.say("steps 2");
        alice.say("make the sky purple", redPicture());
        alice.nextResult();
        assertThat(redis.smembers("kb:{review}:relaxed")).isEmpty();

        // The operator switches SAFETY_DM_POLICY back: the same chat is strict at once, and so is one an older
        // version had recorded as relaxed.
        stop();
        redis.sadd("kb:{review}:relaxed", "console:chat-bob");
        bot(redis, Set.of("nsfw"), SafetyOptions.defaults());
        alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        alice.say("make the sky purple", redPicture());
        assertThat(alice.nextError().code()).isEqualTo("picture_refused");
        TestChats.Person bob = new TestChats.Person(testBot.bot(), TestChats.privateChat("console", "bob"),
                alice.chat());
        bob.say("make the sky purple", redPicture());
        assertThat(alice.nextError().code()).isEqualTo("picture_refused");
        assertThat(redis.smembers("kb:{review}:relaxed")).isEmpty();
    }

    @Test
    void aChannelThatLosesItsAgeRestrictionIsStrictAgainOnEveryPath(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("nsfw"), SafetyOptions.defaults());
        TestChats.Person admin = TestChats.join(testBot.bot(), channel("carol", true, true));
        admin.say("safety relaxed");
        assertThat(admin.nextText().text()).contains("relaxed");
        assertThat(redis.smembers("kb:{review}:relaxed")).containsExactly("discord:adult-channel");

        // The same channel, its age restriction since turned off: a button press (any path) finds it strict.
        ChatOrigin unmarked = new ChatOrigin("discord", "adult-channel", Optional.empty(),
                new ChatUser("dave", "dave", false), false, Optional.of("guild-1"), false);
        TestChats.Person dave = new TestChats.Person(testBot.bot(), unmarked, admin.chat());
        dave.press(new dev.kontextbot.core.chat.ReplyAction(dev.kontextbot.core.chat.ActionKind.UNDO, "no-such-button"));
        assertThat(admin.nextError().code()).isEqualTo("unknown_button");
        assertThat(redis.smembers("kb:{review}:relaxed")).as("what the workers read").isEmpty();
        dave.say("make the sky purple", redPicture());
        assertThat(admin.nextError().code()).isEqualTo("picture_refused");
    }

    @Test
    void aModeratorThatCannotAnswerFailsClosedWithoutBlamingTheUser(UnifiedJedis redis) {
        LlmModerator unreachable = new LlmModerator(ChatModels.create(
                FakeOpenAiServer.options("http://127.0.0.1:9/v1", false), new RuleBasedChatModel()),
                Duration.ofSeconds(5), true);
        Screening screening = new Screening(PictureScreen.none(), new Texts(List.of(TermLists.builtIn(), unreachable)),
                new ReviewList(redis, Clock.systemUTC(), Duration.ofDays(1)), new RelaxedChats(redis),
                SafetyOptions.defaults(), new PngCodec()::encodePng, registry);
        testBot = TestBot.start(redis, dir, registry, BotCoreOptions.defaults(true), false, screening);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));

        alice.say("a lighthouse at dusk");

        Reply.Error error = alice.nextError();
        assertThat(error.code()).isEqualTo("screening_unavailable");
        assertThat(error.message()).isEqualTo(Screening.UNCHECKED_TEXT);
        assertThat(testBot.core().review().items(10)).isEmpty();
        assertThat(testBot.queue().metrics().queued()).isZero();
    }

    @Test
    void termListsRefuseARequestAndABlockedUserIsRefusedEverything(UnifiedJedis redis) throws Exception {
        bot(redis, Set.of("nsfw"), SafetyOptions.defaults());
        TestChats.Person bob = TestChats.join(testBot.bot(), TestChats.privateChat("console", "bob"));

        bob.say("Make a NUDE, child!", photo());
        Reply.Error refusal = bob.nextError();
        assertThat(refusal.code()).isEqualTo("request_refused");
        assertThat(refusal.message()).doesNotContain("term");
        assertThat(testBot.views().history(bob.origin())).isEmpty();
        ReviewDesk.Entry entry = testBot.core().review().items(10).getFirst();
        assertThat(entry.kind()).isEqualTo("prompt");
        assertThat(entry.reason()).contains("nude child");
        assertThat(flagged("prompt")).isEqualTo(1);

        testBot.core().review().blockAuthor(entry.id(), "admin");
        bob.say("make the sky blue", photo());
        assertThat(bob.nextError().code()).isEqualTo("blocked");
        assertThat(testBot.views().history(bob.origin())).isEmpty();
    }
}

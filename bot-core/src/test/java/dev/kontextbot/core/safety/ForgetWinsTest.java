package dev.kontextbot.core.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.review.ReviewStatus;
import dev.kontextbot.conversation.testing.MutableClock;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReviewDesk;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.core.testing.TestScreening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * "forget" wins over an admin's release: every order of forget, release and the review list's retention, on the
 * real bot (real Redis, stand-in model, the stand-in classifier holding every result). Whatever the order, the
 * conversation is empty at the end, and a release after the forget brings nothing back and says why.
 */
@RedisTest
class ForgetWinsTest {

    enum Step { FORGET, RELEASE, RETENTION }

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestBot testBot;
    private TestScreening screening;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
        if (screening != null) {
            screening.close();
        }
    }

    private TestChats.Person alice(UnifiedJedis redis) {
        // Blocking "normal" holds every result of the stand-in model for review.
        screening = TestScreening.standIn(redis, dir, Set.of("normal"), SafetyOptions.defaults(), registry, clock);
        testBot = TestBot.start(redis, dir, registry, BotCoreOptions.defaults(true), true, screening.screening());
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console", "alice"));
        alice.say("steps 2");
        alice.nextText();
        return alice;
    }

    private ReviewDesk desk() {
        return testBot.core().review();
    }

    private static void forget(TestChats.Person person) {
        person.say("forget");
        assertThat(person.nextText().text()).contains("again");
        person.say("forget");
        assertThat(person.nextText().text()).startsWith("Done");
    }

    static Stream<List<Step>> everyOrder() {
        List<List<Step>> orders = new ArrayList<>();
        for (Step a : Step.values()) {
            for (Step b : Step.values()) {
                for (Step c : Step.values()) {
                    if (a != b && b != c && a != c) {
                        orders.add(List.of(a, b, c));
                    }
                }
            }
        }
        return orders.stream();
    }

    @ParameterizedTest
    @MethodSource("everyOrder")
    void afterAForgetNothingComesBack(List<Step> order, UnifiedJedis redis) throws Exception {
        TestChats.Person alice = alice(redis);
        alice.say("a lighthouse at dusk");
        assertThat(alice.nextError().code()).isEqualTo(Screening.HELD_CODE);
        String id = desk().items(10).getFirst().id();

        List<Step> done = new ArrayList<>();
        for (Step step : order) {
            switch (step) {
                case FORGET -> forget(alice);
                case RETENTION -> clock.advance(Duration.ofDays(2));
                case RELEASE -> {
                    if (done.isEmpty()) {
                        assertThat(desk().release(id, "admin")).startsWith("Released: v1");
                        Reply.Image delivered = alice.nextResult();
                        assertThat(history(alice)).containsExactly(delivered.versionId());
                    } else if (done.contains(Step.RETENTION)) {
                        assertThatThrownBy(() -> desk().release(id, "admin"))
                                .isInstanceOfSatisfying(ReviewDesk.ReviewException.class,
                                        e -> assertThat(e.code()).isEqualTo("not_found"));
                    } else {
                        assertThatThrownBy(() -> desk().release(id, "admin"))
                                .isInstanceOfSatisfying(ReviewDesk.ReviewException.class, e -> {
                                    assertThat(e.code()).isEqualTo("forgotten");
                                    assertThat(e.getMessage()).contains("Nothing was released").contains("forget");
                                });
                        assertThat(desk().items(10).getFirst().status()).isEqualTo("deleted");
                        assertThat(desk().picture(id)).isEmpty();
                    }
                }
            }
            done.add(step);
            if (done.contains(Step.FORGET)) {
                assertThat(history(alice)).as("after %s", done).isEmpty();
            }
        }
        assertThat(history(alice)).isEmpty();
    }

    private List<String> history(TestChats.Person person) {
        try {
            return testBot.views().history(person.origin()).stream().map(v -> v.id()).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHeldEditOfTheForgottenOriginalDoesNotAttachToTheNewOne(UnifiedJedis redis) throws Exception {
        TestChats.Person alice = alice(redis);
        String original = heldThenReleased(alice, "a lighthouse at dusk");
        clock.advance(Duration.ofSeconds(1));
        alice.say("make the sky purple");
        assertThat(alice.nextError().code()).isEqualTo(Screening.HELD_CODE);
        String edit = desk().items(10).getFirst().id();

        forget(alice);
        clock.advance(Duration.ofSeconds(1));
        String reborn = heldThenReleased(alice, "a red barn");
        assertThat(reborn).as("the new original has the old one's id").isEqualTo(original);

        assertThatThrownBy(() -> desk().release(edit, "admin"))
                .isInstanceOfSatisfying(ReviewDesk.ReviewException.class,
                        e -> assertThat(e.code()).isEqualTo("forgotten"));
        assertThat(testBot.views().history(alice.origin())).extracting(v -> v.id()).containsExactly(reborn);
    }

    /** A generation, held and then released by an admin; returns its version id. */
    private String heldThenReleased(TestChats.Person alice, String prompt) {
        alice.say(prompt);
        assertThat(alice.nextError().code()).isEqualTo(Screening.HELD_CODE);
        desk().release(desk().items(10).getFirst().id(), "admin");
        return alice.nextResult().versionId();
    }

    @Test
    void aReleaseCutShortBetweenClaimAndMarkIsFinishedOnceByTheNext(UnifiedJedis redis) throws Exception {
        TestChats.Person alice = alice(redis);
        alice.say("a lighthouse at dusk");
        assertThat(alice.nextError().code()).isEqualTo(Screening.HELD_CODE);
        String id = desk().items(10).getFirst().id();
        // A front end claimed the item and died before appending.
        assertThat(screening.screening().reviews().move(id, ReviewStatus.OPEN, ReviewStatus.RELEASING)).isTrue();
        assertThat(desk().items(10).getFirst().releasable()).isTrue();
        assertThatThrownBy(() -> desk().delete(id, "admin")).isInstanceOfSatisfying(ReviewDesk.ReviewException.class,
                e -> assertThat(e.code()).isEqualTo("already_resolved"));

        assertThat(desk().release(id, "admin")).startsWith("Released: v1");
        alice.nextResult();
        assertThatThrownBy(() -> desk().release(id, "admin")).isInstanceOfSatisfying(ReviewDesk.ReviewException.class,
                e -> assertThat(e.getMessage()).contains("already released"));
        assertThat(testBot.views().history(alice.origin())).hasSize(1);
    }
}

package dev.kontextbot.core.tools;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.ButtonPress;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import dev.kontextbot.core.chat.ConversationViews.VersionView;
import dev.kontextbot.core.testing.TestBot;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Issue 19 on the real bot in rule mode (no LLM, the default): real Redis, the stand-in model, an in-process worker.
 * Each case is a fresh conversation. Talk is answered and queues nothing; edits, compound ones included, run.
 */
@RedisTest
class TalkToolsTest {

    private static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    Path dir;

    private TestBot testBot;

    @BeforeEach
    void start(UnifiedJedis redis) {
        testBot = TestBot.start(redis, dir);
    }

    @AfterEach
    void stop() {
        testBot.close();
    }

    private TestChats.Person fresh() {
        return TestChats.join(testBot.bot(), TestChats.privateChat("console", "user" + USERS.incrementAndGet()));
    }

    private static long queued(TestChats.Person p) {
        return p.chat().all().stream().filter(Reply.Queued.class::isInstance).count();
    }

    private static List<String> texts(TestChats.Person p) {
        return p.chat().all().stream().filter(Reply.Text.class::isInstance).map(r -> ((Reply.Text) r).text()).toList();
    }

    private List<VersionView> history(TestChats.Person p) throws Exception {
        return testBot.views().history(p.origin()).stream().sorted(Comparator.comparingInt(VersionView::number))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"here is my cat", "this is my dog Max", "what do you think of this photo?"})
    void aPictureWithTalkIsKeptAndAnsweredNotEdited(String text) throws Exception {
        TestChats.Person p = fresh();

        p.say(text, photo());

        assertThat(p.nextShown().versionNumber()).as("the picture is kept as it is").isEqualTo(1);
        assertThat(texts(p)).singleElement().asString().endsWith("What should I change?");
        assertThat(queued(p)).isZero();
        assertThat(history(p)).singleElement().satisfies(v -> assertThat(v.number()).isEqualTo(1));
    }

    @Test
    void howManyStepsIsAnsweredFromTheSettings() throws Exception {
        TestChats.Person p = fresh();
        p.say("here is my cat", photo());
        p.say("steps 13");

        p.say("how many steps do you use?");

        assertThat(texts(p).getLast()).contains("13 steps");
        assertThat(queued(p)).isZero();
        assertThat(history(p)).hasSize(1);
    }

    @Test
    void thanksAndWhoMadeYouGetShortAnswers() {
        TestChats.Person p = fresh();

        p.say("thanks!");
        p.say("who made you?");

        assertThat(texts(p)).hasSize(2);
        assertThat(texts(p).get(0)).startsWith("You're welcome");
        assertThat(texts(p).get(1)).contains("KontextBot");
        assertThat(queued(p)).isZero();
    }

    @Test
    void aSequencedRequestRunsAsTwoEditsEachLabelledByItsOwnPart() throws Exception {
        TestChats.Person p = fresh();
        p.say("steps 2");
        p.say("", photo());

        p.say("first make it night, after that add a full moon");
        // One job; its steps each add a version, and the last one is delivered.
        Reply.Image last = p.nextResult();

        assertThat(last.versionNumber()).isEqualTo(3);
        assertThat(history(p)).extracting(VersionView::instructionTyped)
                .containsExactly("", "make it night", "add a full moon");
        p.say("history");
        assertThat(texts(p).getLast()).contains("make it night").contains("add a full moon")
                .doesNotContain("after that");
    }

    @Test
    void zoomOutAndShowMoreIsOneEdit() throws Exception {
        TestChats.Person p = fresh();
        p.say("steps 2");
        p.say("", photo());

        p.say("zoom out a bit and show more of the street");
        Reply.Image result = p.nextResult();

        assertThat(result.versionNumber()).isEqualTo(2);
        assertThat(queued(p)).isOne();
        assertThat(history(p)).extracting(VersionView::instructionTyped)
                .containsExactly("", "zoom out a bit and show more of the street");
    }

    @Test
    void wordsThatMayBeAnEditAreAskedAboutAndAYesRunsThem() throws Exception {
        TestChats.Person p = fresh();
        p.say("steps 2");
        p.say("", photo());

        p.say("a red car");
        assertThat(texts(p).getLast()).isEqualTo("Edit the picture: 'a red car'?");
        assertThat(queued(p)).isZero();

        p.say("yes");
        Reply.Image result = p.nextResult();
        assertThat(result.caption()).contains("A red car");
        assertThat(queued(p)).isOne();
    }

    @Test
    void theQuestionHasYesAndNoButtonsAndYesRunsTheEdit() throws Exception {
        TestChats.Person p = fresh();
        p.say("steps 2");
        p.say("", photo());
        p.say("a pirate ship");

        Reply.Text question = p.chat().await(Reply.Text.class, t -> !t.actions().isEmpty(), TestChats.WAIT);
        assertThat(question.text()).isEqualTo("Edit the picture: 'a pirate ship'?");
        assertThat(question.actions()).extracting(ReplyAction::label).containsExactly("Yes", "No");
        assertThat(queued(p)).isZero();

        p.bot().onButton(new ButtonPress(p.origin(), question.actions().getFirst().key(), Optional.empty(),
                Optional.empty()), p.chat()).join();

        assertThat(p.nextResult().caption()).contains("A pirate ship");
        assertThat(queued(p)).isOne();
    }

    @Test
    void aNoLeavesThePictureAlone() throws Exception {
        TestChats.Person p = fresh();
        p.say("", photo());

        p.say("snow");
        p.say("no");

        assertThat(texts(p).getLast()).startsWith("OK, I left the picture as it is");
        assertThat(queued(p)).isZero();
        assertThat(history(p)).hasSize(1);
    }

    @Test
    void aDescriptionWithNoPictureCreatesAtOnce() throws Exception {
        TestChats.Person p = fresh();
        p.say("steps 2");

        p.say("a lighthouse at night in a storm");
        Reply.Image created = p.nextResult();

        assertThat(created.versionNumber()).isEqualTo(1);
        assertThat(history(p)).extracting(VersionView::instructionTyped)
                .containsExactly("a lighthouse at night in a storm");
    }

    @Test
    void aCompoundRequestOverTheCapIsRefusedInPlainWords() {
        TestChats.Person p = fresh();
        p.say("", photo());

        p.say("add a hat, then add a scarf, then add gloves, then add boots, then add a coat, then add a bag, "
                + "then add a belt");

        Reply.Error error = p.nextError();
        assertThat(error.code()).isEqualTo("too_many_edits");
        assertThat(error.message()).contains("at most 6");
        assertThat(queued(p)).isZero();
    }
}

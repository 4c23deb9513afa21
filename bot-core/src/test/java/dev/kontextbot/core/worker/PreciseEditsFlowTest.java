package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.photo;
import static dev.kontextbot.core.testing.TestPictures.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobRecord;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.Region;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.ActionKind;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyAction;
import dev.kontextbot.core.delivery.VariationGrid;
import dev.kontextbot.core.reply.ActionKeys;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.model.ModelInterface;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.PixelChanges;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Issue 16 through the rule-based agent, the job queue and the worker on the stand-in: region edits said in words
 * (the result keeps the picture's size and every pixel outside the area, and changes the area); drift recorded per
 * version, shown in history and fixed by "re-anchor"; variations shown together and picked; several pictures in one
 * message as separate context groups.
 */
@RedisTest
class PreciseEditsFlowTest {

    private TestBot testBot;
    private BufferedImage original;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
    }

    /** The real bot and Alice in a private chat, with two steps per edit. */
    private TestChats.Person fresh(UnifiedJedis redis) {
        testBot = TestBot.start(redis, dir);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console-alice", "alice"));
        alice.say("steps 2");
        alice.nextText();
        return alice;
    }

    /** As {@link #fresh}, with a picture sent and kept as v1. */
    private TestChats.Person alice(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = fresh(redis);
        alice.say("", photo());
        original = read(alice.nextShown());
        return alice;
    }

    private static BufferedImage read(Reply.Image image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image.png()));
    }

    /** Asserts that no pixel outside the box changed and returns how many inside did. */
    private static int changedOnlyInside(BufferedImage before, BufferedImage after, Box box) {
        assertThat(after.getWidth()).isEqualTo(before.getWidth());
        assertThat(after.getHeight()).isEqualTo(before.getHeight());
        PixelChanges changes = PixelChanges.between(before, after, PixelChanges.box(box));
        assertThat(changes.outside()).as("pixels changed outside " + box).isZero();
        return changes.inside();
    }

    @Test
    void onlyTheTopLeftQuarterChangesThatQuarterAndNothingElse(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = alice(redis);

        alice.say("only the top-left quarter: make the sky red");
        Reply.Image v2 = alice.nextResult();

        assertThat(v2.width()).isEqualTo(640);
        assertThat(v2.height()).isEqualTo(480);
        assertThat(v2.caption()).contains("Make the sky red");
        int changed = changedOnlyInside(original, read(v2), new Box(0, 0, 320, 240));
        assertThat(changed).isGreaterThan(320 * 240 / 2);
    }

    @Test
    void aSlashRegionWithAPixelBoxAndABoxPastTheEdgeGetsAPlainError(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = alice(redis);

        alice.say("/region 100,150,300,200 add a red balloon");
        Reply.Image v2 = alice.nextResult();
        int changed = changedOnlyInside(original, read(v2), new Box(100, 150, 300, 200));
        assertThat(changed).isGreaterThan(300 * 200 / 2);

        alice.say("/region 500,400,300,200 add a bird");
        assertThat(alice.nextError().message()).contains("goes past the edge of the 640x480 picture");
    }

    /**
     * Before: a box at x 2147483000, 1000 wide, wrapped to a negative right edge, passed the check and failed in the
     * worker as worker_error, retried. Chat words cannot name such a box (RegionWords reads at most five digits); a
     * job that carries one (an older front end, a hand-made spec) ends with the plain answer, once.
     */
    @Test
    void aJobWhoseBoxOverflowsEndsWithAPlainAnswerAndIsNotRetried(UnifiedJedis redis)
            throws IOException, InterruptedException {
        TestChats.Person alice = alice(redis);

        alice.say("/region 2147483000,0,1000,10 add a bird");
        assertThat(alice.nextResult().caption()).as("not an area: a whole-picture edit")
                .contains("Only 2147483000,0,1000,10 add a bird");

        // A job that carries one anyway (queued by an older front end) ends with the plain answer, not a retry.
        String conv = testBot.core().conversationOf(alice.origin());
        Version v1 = testBot.store().head(conv).orElseThrow();
        JobSpec overflowing = new JobSpec(null, conv, new Requester("alice", null),
                new dev.kontextbot.conversation.jobs.DeliveryTarget("test", "chat-x", null, null, null, null,
                        "@alice"),
                new EditRecipe(dev.kontextbot.conversation.jobs.JobKind.EDIT, v1.id(),
                        List.of(new EditStep("add a bird", "Add a bird.")), List.of(),
                        new Region.Pixels(2147483000, 0, 1000, 10), false, 1),
                Sampling.of(7, 2, 2.5));
        String jobId = ((dev.kontextbot.conversation.jobs.SubmitResult.Accepted) testBot.queue().submit(overflowing))
                .jobId();
        long deadline = System.nanoTime() + TestChats.WAIT.toNanos();
        while (!testBot.queue().record(jobId).map(r -> r.status().isTerminal()).orElse(false)) {
            assertThat(System.nanoTime()).as("the job ended in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        JobRecord ended = testBot.queue().record(jobId).orElseThrow();
        assertThat(ended.status()).isEqualTo(dev.kontextbot.conversation.jobs.JobStatus.FAILED);
        assertThat(ended.errorCode()).isEqualTo("invalid");
        assertThat(ended.errorMessage()).contains("goes past the edge");
        assertThat(ended.attempts()).as("not retried").isEqualTo(1);
    }

    @Test
    void historyShowsEachVersionsDriftAndReAnchorBringsTheColoursBack(UnifiedJedis redis) {
        TestChats.Person alice = fresh(redis);
        alice.say("make the sky purple", photo());
        Reply.Image v2 = alice.nextResult();
        alice.say("add a red hat");
        Reply.Image v3 = alice.nextResult();

        String conv = testBot.core().conversationOf(alice.origin());
        Drift d3 = Drift.decode(testBot.store().driftLog().of(conv, v3.versionId()).orElseThrow());
        assertThat(testBot.store().driftLog().of(conv, v2.versionId())).isPresent();

        alice.say("history");
        String history = alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Versions:"),
                TestChats.WAIT).text();
        assertThat(history).containsPattern("v2 \\(from v1\\): make the sky purple · drift: colour \\d+\\.\\d, detail")
                .containsPattern("v3 \\(from v2\\): add a red hat · drift: colour");
        // The stand-in's pictures are noise, far from the original: the hint offers the fix.
        assertThat(d3.colourShift()).isGreaterThan(8);
        assertThat(history).contains("drifted since v1: say 're-anchor'");

        alice.say("re-anchor");
        Reply.Image v4 = alice.nextShown();
        assertThat(v4.versionNumber()).isEqualTo(4);
        assertThat(v4.parentVersionId()).contains(v3.versionId());
        Drift d4 = Drift.decode(testBot.store().driftLog().of(conv, v4.versionId()).orElseThrow());
        // The stated tolerance: each channel's mean within 2 levels (of 255) of the original's.
        assertThat(Math.abs(d4.red())).isLessThan(2);
        assertThat(Math.abs(d4.green())).isLessThan(2);
        assertThat(Math.abs(d4.blue())).isLessThan(2);
    }

    @Test
    void varyMakesSeveralSiblingsInOneJob(UnifiedJedis redis) throws IOException {
        TestChats.Person alice = fresh(redis);
        alice.say("add a red hat", photo());
        Reply.Image v2 = alice.nextResult();

        alice.say("vary 3");
        Reply.Queued queued = alice.chat().await(Reply.Queued.class, q -> true, TestChats.WAIT);
        // All three arrive together, in the order they were made: one grid, one pick button each.
        Reply.Variations together = alice.chat().await(Reply.Variations.class, v -> true, TestChats.WAIT);
        assertThat(together.jobId()).contains(queued.jobId());
        assertThat(together.variations()).extracting(Reply.Variations.Variation::versionNumber).containsExactly(3, 4, 5);
        assertThat(together.variations()).extracting(Reply.Variations.Variation::number).containsExactly(1, 2, 3);
        assertThat(together.picks()).extracting(ReplyAction::label).containsExactly("Pick 1", "Pick 2", "Pick 3");
        assertThat(together.picks()).extracting(ReplyAction::kind).containsOnly(ActionKind.PICK);
        assertThat(together.caption()).contains("v5) is current").contains("'pick 3'");
        // Two tiles across, two rows, each the result scaled to at most 768 px on its longest side.
        Reply.Variations.Variation first = together.variations().getFirst();
        double scale = Math.min(1.0, (double) VariationGrid.TILE_MAX_SIDE / Math.max(first.width(), first.height()));
        assertThat(together.gridWidth()).isEqualTo(2 * (int) Math.round(first.width() * scale) + 3 * VariationGrid.GAP);
        assertThat(together.gridHeight()).isEqualTo(2 * (int) Math.round(first.height() * scale) + 3 * VariationGrid.GAP);
        assertThat(ImageIO.read(new ByteArrayInputStream(together.gridPng())).getWidth())
                .isEqualTo(together.gridWidth());
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Image i && i.jobId().isPresent()
                && !i.versionId().equals(v2.versionId()));
        Reply.Variations.Variation last = together.variations().get(2);

        String conv = testBot.core().conversationOf(alice.origin());
        var versions = testBot.store().history(conv).stream().map(e -> e.version()).toList();
        assertThat(versions).hasSize(5);
        var variations = versions.subList(2, 5);
        assertThat(variations).allSatisfy(v -> {
            assertThat(v.parentId()).isEqualTo(v2.parentVersionId().orElseThrow());
            assertThat(v.instructionTyped()).isEqualTo("add a red hat");
        });
        assertThat(variations).extracting(v -> v.seed()).doesNotHaveDuplicates();
        assertThat(variations).extracting(v -> v.jobId()).allSatisfy(id -> assertThat(id).startsWith(queued.jobId()));
        assertThat(last.versionNumber()).isEqualTo(5);
        assertThat(testBot.store().head(conv).orElseThrow().number()).isEqualTo(5);

        // The picked sibling becomes the head; the others stay in the tree.
        alice.say("pick 2");
        Reply.Image picked = alice.nextShown();
        assertThat(picked.versionNumber()).isEqualTo(4);
        assertThat(testBot.store().head(conv).orElseThrow().number()).isEqualTo(4);
        assertThat(testBot.store().history(conv)).hasSize(5);

        alice.say("use the third one");
        assertThat(alice.nextShown().versionNumber()).isEqualTo(5);

        alice.say("pick 4");
        assertThat(alice.chat().await(Reply.Error.class, e -> true, TestChats.WAIT).message())
                .contains("from 1 to 3");

        // The "Pick 1" button does what "pick 1" does: v3 becomes the head, all five stay.
        alice.press(together.picks().getFirst());
        Reply.Image pressed = alice.nextShown();
        assertThat(pressed.versionNumber()).isEqualTo(3);
        assertThat(testBot.store().head(conv).orElseThrow().number()).isEqualTo(3);
        assertThat(testBot.store().history(conv)).hasSize(5);
        assertThat(testBot.store().history(conv).stream().map(e -> e.version())
                .filter(v -> v.number() >= 3).map(v -> v.parentId()))
                .containsOnly(v2.parentVersionId().orElseThrow());
    }

    @Test
    void aPickButtonOnAnOrdinaryVersionIsRefusedInPlainWords(UnifiedJedis redis) {
        TestChats.Person alice = fresh(redis);
        alice.say("add a red hat", photo());
        Reply.Image v2 = alice.nextResult();
        alice.press(ActionKeys.forVariations(List.of(v2.versionId())).getFirst());
        assertThat(alice.nextError().message()).contains("not one of a set of variations");
    }

    @Test
    void pickWithoutVariationsSaysHowToMakeThem(UnifiedJedis redis) {
        TestChats.Person alice = fresh(redis);
        alice.say("add a red hat", photo());
        alice.nextResult();
        alice.say("pick 2");
        assertThat(alice.nextError().message()).contains("Say 'vary'");
    }

    /** Several pictures in one message: the first is edited, the others are references, each its own group. */
    @Test
    void threePicturesEditTheFirstWithTheOthersAsSeparateGroups(UnifiedJedis redis) {
        TestChats.Person alice = fresh(redis);
        long encoderRuns = testBot.engine().sessionRuns(ModelInterface.VAE_ENCODER);
        alice.say("put the jacket from the second picture on the person in the first",
                attachment("person.png", png(640, 480)), attachment("jacket.png", png(320, 480)),
                attachment("hat.png", png(256, 256)));
        Reply.Image result = alice.nextResult();

        assertThat(alice.chat().all()).filteredOn(r -> r instanceof Reply.Text t && t.text().startsWith("Picture 1"))
                .containsExactly(new Reply.Text(
                        "Picture 1 is edited; 2 and 3 are references. Each is used as it is, not combined."));
        assertThat(alice.chat().all()).noneMatch(r -> r instanceof Reply.Text t && t.text().contains("side by side"));
        // The picture edited is the first as sent, not a collage; the result has its aspect (its bucket).
        String conv = testBot.core().conversationOf(alice.origin());
        Version root = testBot.store().find(conv, result.parentVersionId().orElseThrow()).orElseThrow();
        assertThat(List.of(root.width(), root.height())).containsExactly(640, 480);
        assertThat((double) result.width() / result.height()).isCloseTo(640.0 / 480, within(0.05));
        // The job carries the two other pictures; the worker encodes each on its own: three encoder runs.
        JobSpec spec = testBot.queue().record(result.jobId().orElseThrow()).map(JobRecord::spec).orElseThrow();
        assertThat(spec.recipe().references()).hasSize(2).doesNotContain(root.imageBlob());
        assertThat(testBot.engine().sessionRuns(ModelInterface.VAE_ENCODER)).isEqualTo(encoderRuns + 3);
    }

    @Test
    void fivePicturesAreStillCombinedSideBySide(UnifiedJedis redis) {
        TestChats.Person alice = fresh(redis);
        long encoderRuns = testBot.engine().sessionRuns(ModelInterface.VAE_ENCODER);
        alice.say("make them all blue", attachment("a.png", png(128, 128)), attachment("b.png", png(128, 128)),
                attachment("c.png", png(128, 128)), attachment("d.png", png(128, 128)),
                attachment("e.png", png(128, 128)));
        Reply.Image result = alice.nextResult();

        assertThat(alice.chat().all())
                .anyMatch(r -> r instanceof Reply.Text t && t.text().contains("5 pictures side by side"));
        JobSpec spec = testBot.queue().record(result.jobId().orElseThrow()).map(JobRecord::spec).orElseThrow();
        assertThat(spec.recipe().references()).isEmpty();
        assertThat(testBot.engine().sessionRuns(ModelInterface.VAE_ENCODER)).isEqualTo(encoderRuns + 1);
    }
}

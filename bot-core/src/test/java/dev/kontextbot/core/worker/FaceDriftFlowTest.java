package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.attachment;
import static dev.kontextbot.core.testing.TestPictures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.drift.DriftNotes;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.drift.Drift;
import dev.kontextbot.inference.drift.FaceDrift;
import dev.kontextbot.inference.face.FaceMeter;
import dev.kontextbot.inference.face.StandInFaceModelsWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Issue 16's face drift through the bot, the queue and the worker on the stand-in engine, with the stand-in face
 * models (YuNet's and SFace's interfaces) installed: a region edit away from the face leaves it as it was (faces
 * 0.00); a whole-picture edit on the stand-in (whose pictures are noise) loses it (faces 1.00, with the hint); a
 * picture without a face says so.
 */
@RedisTest
class FaceDriftFlowTest {

    @TempDir
    Path dir;
    private FaceMeter faces;
    private TestBot testBot;

    @BeforeEach
    void models() throws Exception {
        new StandInFaceModelsWriter().write(dir.resolve("faces"));
        faces = FaceMeter.open(dir.resolve("faces"));
    }

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
        faces.close();
    }

    private TestChats.Person alice(UnifiedJedis redis, boolean withFace) {
        testBot = TestBot.withFaces(redis, dir, faces);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console-alice", "alice"));
        alice.say("steps 2");
        alice.nextText();
        BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                picture.setRGB(x, y, (x * 255 / 640) << 16 | 0x60 << 8 | (y * 255 / 480));
            }
        }
        if (withFace) {
            // One cell of the 640 x 640 detector input (the picture fits it unscaled), in the bottom-right quarter.
            StandInFaceModelsWriter.paintFace(picture, 480, 320, 32, 0);
        }
        alice.say("", attachment("portrait.png", encode(picture)));
        alice.nextShown();
        return alice;
    }

    private Drift drift(TestChats.Person alice, Reply.Image version) {
        String conv = testBot.core().conversationOf(alice.origin());
        return Drift.decode(testBot.store().driftLog().of(conv, version.versionId()).orElseThrow());
    }

    private static String history(TestChats.Person alice) {
        alice.say("history");
        return alice.chat().await(Reply.Text.class, t -> t.text().startsWith("Versions:"), TestChats.WAIT).text();
    }

    @Test
    void aFaceOutsideTheEditedRegionHasNotMovedAndAWholePictureEditLosesIt(UnifiedJedis redis) {
        TestChats.Person alice = alice(redis, true);

        alice.say("only the top-left quarter: make the sky red");
        Reply.Image v2 = alice.nextResult();
        alice.say("make it a painting");
        Reply.Image v3 = alice.nextResult();

        assertThat(drift(alice, v2).faces()).isInstanceOfSatisfying(FaceDrift.Measured.class,
                m -> assertThat(m.worst()).isLessThan(0.01));
        assertThat(drift(alice, v3).faces()).isInstanceOfSatisfying(FaceDrift.Measured.class,
                m -> assertThat(m.worst()).isGreaterThan(DriftNotes.FACE_THRESHOLD));
        String history = history(alice);
        assertThat(history).containsPattern("v2 \\(from v1\\): .*drift: colour \\d+\\.\\d, detail [-+]\\d+%, faces 0\\.00")
                .containsPattern("v3 \\(from v2\\): .*, faces \\d\\.\\d\\d");
        assertThat(history).containsAnyOf("A face from v1 can no longer be found", "The face has changed since v1");
    }

    @Test
    void aPictureWithoutAFaceSaysSo(UnifiedJedis redis) {
        TestChats.Person alice = alice(redis, false);

        alice.say("make it a painting");
        Reply.Image v2 = alice.nextResult();

        assertThat(drift(alice, v2).faces()).isEqualTo(FaceDrift.NO_FACE);
        assertThat(history(alice)).containsPattern("v2 \\(from v1\\): .*, no face").doesNotContain("face has changed");
    }
}

package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisServerExtension;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.region.Box;
import dev.kontextbot.inference.region.PixelChanges;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Region edits said in words, through the rule-based agent, the job queue and the worker on the stand-in: the
 * result keeps the picture's size and every pixel outside the area, and changes the area.
 */
@ExtendWith(RedisServerExtension.class)
class RegionEditFlowTest {

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

    private TestChats.Person alice(UnifiedJedis redis) throws IOException {
        testBot = TestBot.start(redis, dir);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console-alice", "alice"));
        alice.say("steps 2");
        alice.nextText();
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
}

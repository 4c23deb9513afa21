package dev.kontextbot.core.worker;

import static dev.kontextbot.core.testing.TestPictures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.conversation.testing.RedisTest;
import dev.kontextbot.core.agent.TestChats;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.image.DerivedPng;
import dev.kontextbot.core.testing.TestBot;
import dev.kontextbot.inference.image.PngText;
import dev.kontextbot.inference.image.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every PNG the bot writes of a picture the model made carries the provenance chunks, read back with the JDK's own PNG
 * reader: results (as before), progress previews, re-anchored versions, the variations grid and thumbnails. A user's
 * own upload is not marked as AI-made.
 */
@RedisTest
class ProvenanceEverywhereTest {

    private TestBot testBot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (testBot != null) {
            testBot.close();
        }
    }

    private static Map<String, String> chunks(byte[] png) {
        Map<String, String> text = new LinkedHashMap<>();
        for (PngText t : DerivedPng.textOf(png)) {
            text.put(t.keyword(), t.text());
        }
        return text;
    }

    private static void assertMarked(byte[] png) {
        assertThat(chunks(png)).containsEntry("AI-Generated", "true")
                .containsEntry("DigitalSourceType", Provenance.IPTC_TRAINED_ALGORITHMIC_MEDIA)
                .containsKey("Software");
    }

    @Test
    void previewsReAnchoredVersionsGridsAndThumbnailsCarryTheProvenanceAndUploadsDoNot(UnifiedJedis redis)
            throws Exception {
        testBot = TestBot.start(redis, dir);
        TestChats.Person alice = TestChats.join(testBot.bot(), TestChats.privateChat("console-alice", "alice"));
        alice.say("steps 2");
        alice.nextText();
        alice.say("make the sky purple", photo());
        Reply.Progress preview = alice.chat().await(Reply.Progress.class, p -> p.previewPng().isPresent(),
                TestChats.WAIT);
        Reply.Image v2 = alice.nextResult();
        assertMarked(v2.png());
        assertMarked(preview.previewPng().orElseThrow());
        assertThat(chunks(preview.previewPng().orElseThrow()).get("parameters")).startsWith("Make the sky purple");

        String v1Id = v2.parentVersionId().orElseThrow();
        assertThat(chunks(testBot.views().image(alice.origin(), v1Id, false).orElseThrow()))
                .as("the user's own upload").doesNotContainKeys("AI-Generated", "DigitalSourceType");

        byte[] thumbnail = testBot.views().image(alice.origin(), v2.versionId(), true).orElseThrow();
        assertMarked(thumbnail);
        assertThat(chunks(thumbnail)).containsEntry("parameters", chunks(v2.png()).get("parameters"))
                .containsKey(DerivedPng.COMMENT);

        alice.say("vary 2");
        Reply.Variations grid = alice.chat().await(Reply.Variations.class, v -> true, TestChats.WAIT);
        assertMarked(grid.gridPng());
        assertThat(chunks(grid.gridPng())).as("tiles of different seeds: no one recipe").doesNotContainKey("parameters");
        assertThat(chunks(grid.gridPng()).get(DerivedPng.COMMENT)).contains("side by side");

        alice.say("re-anchor");
        Reply.Image anchored = alice.nextShown();
        byte[] stored = testBot.views().image(alice.origin(), anchored.versionId(), false).orElseThrow();
        assertMarked(stored);
        assertThat(chunks(stored).get(DerivedPng.COMMENT)).contains("re-anchored to v1");
    }
}
